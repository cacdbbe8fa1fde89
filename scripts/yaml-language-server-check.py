#!/usr/bin/env python3
"""Opens files in the real yaml-language-server (as VS Code's YAML extension does) and
prints the diagnostics it publishes, to check the schemas and modelines in an editor's
terms. Not part of CI (it needs npm). Usage, from the repository root:

    npm install --prefix /tmp/yls yaml-language-server
    YLS=/tmp/yls/node_modules/.bin/yaml-language-server \
        python3 scripts/yaml-language-server-check.py questionnaires/*.yaml examples/answers/*.yaml

A valid file prints []; the SchemaStore download is turned off.
"""
import json, subprocess, sys, time, os, threading, pathlib
files = sys.argv[1:]
p = subprocess.Popen([os.environ.get('YLS', 'yaml-language-server'), '--stdio'], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
def send(msg):
    b = json.dumps(msg).encode()
    p.stdin.write(b'Content-Length: %d\r\n\r\n' % len(b) + b); p.stdin.flush()
diags = {}
def reader():
    while True:
        line = p.stdout.readline()
        if not line: return
        if line.startswith(b'Content-Length:'):
            n = int(line.split(b':')[1]); p.stdout.readline()
            msg = json.loads(p.stdout.read(n))
            if msg.get('method') == 'textDocument/publishDiagnostics':
                diags[msg['params']['uri']] = msg['params']['diagnostics']
            elif 'id' in msg and 'method' in msg:  # server request (workspace/configuration)
                send({'jsonrpc':'2.0','id':msg['id'],'result':[{'validate':True,'schemaStore':{'enable':False}}]*len(msg['params'].get('items',[1]))})
threading.Thread(target=reader, daemon=True).start()
root = pathlib.Path('.').resolve().as_uri()
send({'jsonrpc':'2.0','id':1,'method':'initialize','params':{'processId':None,'rootUri':root,'capabilities':{'workspace':{'configuration':True}}}})
time.sleep(1)
send({'jsonrpc':'2.0','method':'initialized','params':{}})
send({'jsonrpc':'2.0','method':'workspace/didChangeConfiguration','params':{'settings':{'yaml':{'validate':True,'schemaStore':{'enable':False}}}}})
for f in files:
    uri = pathlib.Path(f).resolve().as_uri()
    send({'jsonrpc':'2.0','method':'textDocument/didOpen','params':{'textDocument':{'uri':uri,'languageId':'yaml','version':1,'text':open(f).read()}}})
time.sleep(6)
for f in files:
    uri = pathlib.Path(f).resolve().as_uri()
    d = diags.get(uri)
    print(f, 'no diagnostics published' if d is None else [(x['range']['start']['line']+1, x['message'][:90]) for x in d])
p.kill()
