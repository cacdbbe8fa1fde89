#!/usr/bin/env bash
# Runs the same 739 command lines with two builds of cse-screen and diffs what each prints
# (stdout, stderr and exit code): every example and every invalid fixture through every
# reader, in every format, plus help, man pages, completions and schemas. For a change that
# must leave behaviour byte for byte the same (a restructuring), the diff must be empty.
#
#   scripts/compare-outputs.sh OLD_BINARY NEW_BINARY
#
# It also scores a generated folder of 10,000 screenings (GENERATED=N to change the count;
# copies of examples/answers, half of them as JSON, each with its own case reference) in
# every format, with one job and with all, so a change to the batch's speed shows here if
# it changes a byte of the output.
#
# For example, with a build of the previous commit:
#   git worktree add /tmp/old HEAD~1 && cargo build --manifest-path /tmp/old/Cargo.toml \
#     --target-dir /tmp/old-target && cargo build
#   scripts/compare-outputs.sh /tmp/old-target/debug/cse-screen target/debug/cse-screen
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 OLD_BINARY NEW_BINARY" >&2; exit 2; }
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Each build runs as `cse-screen`, since help text names the program as it was called.
for side in old new; do mkdir -p "$work/$side-bin"; done
cp "$1" "$work/old-bin/cse-screen"
cp "$2" "$work/new-bin/cse-screen"

# The generated folder (needs python3 with PyYAML, for the JSON copies).
generated="$work/generated"
mkdir -p "$generated"
python3 - "${GENERATED:-10000}" "$generated" examples/answers/* <<'PY'
import json, os, re, sys
import yaml
n, out, examples = int(sys.argv[1]), sys.argv[2], sorted(sys.argv[3:])
class Core(yaml.SafeLoader):  # YAML 1.2 core, as cse-screen reads it
    pass
Core.yaml_implicit_resolvers = {
    k: [(t, r) for t, r in v if t not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
texts = []
for e in examples:
    t = open(e).read()
    texts.append((os.path.splitext(e)[1], t))
    if e.endswith(".yaml"):
        texts.append((".json", json.dumps(yaml.load(t, Core), indent=2, ensure_ascii=False) + "\n"))
ref = re.compile(r'("?case_reference"?: *"?)EX-[0-9]+')
for i in range(n):
    ext, t = texts[i % len(texts)]
    with open(os.path.join(out, f"{i:05d}{ext}"), "w") as f:
        f.write(ref.sub(lambda m: f"{m.group(1)}EX-{900000 + i}", t, count=1))
PY

run_all() {
  local bin=$1 out=$2 n=0
  mkdir -p "$out"
  run() {
    n=$((n + 1))
    { echo "\$ $*"; "$bin" "$@" </dev/null 2>"$out/$n.err"; echo "exit $?"; } >"$out/$n.out" || true
    cat "$out/$n.err" >>"$out/$n.out"
    rm "$out/$n.err"
  }
  export COLUMNS=100 NO_COLOR=1
  for f in table json jsonl csv markdown; do run score examples/answers --format $f; done
  for f in table json jsonl csv markdown; do
    run score "$generated" --format $f; run score "$generated" --format $f --jobs 1
  done
  run score "$generated" --format csv --raw-csv
  for a in examples/answers/*; do
    for f in table json csv markdown; do run score "$a" --format $f; done
    run explain "$a"; run report "$a"; run report "$a" --format html; run language "$a"
  done
  local good=examples/answers/oxfordshire-02-significant-long-ago.yaml
  run explain $good --set age=12; run explain $good --set nope=yes; run explain $good --set age=old
  for f in table json markdown; do run history examples/answers --as-of 2026-12-01 --format $f; done
  for f in tests/fixtures/invalid/*; do
    run score "$f"; run explain "$f"; run history "$f" --as-of 2026-12-01; run language "$f"
    run validate "$f"; run show "$f"; run report "$f"
  done
  run show; run show national-cse; run show --format markdown; run show nope
  run questionnaires; run validate
  run man; run man score; run man nope; run completions bash
  run schema answers; run schema questionnaire
  run score /nonexistent; run score examples; run explain /nonexistent; run history /nonexistent
  run report $good -o $good
  run screen; run screen --resume /nonexistent --plain
  run score --questionnaire nope examples/answers
  run --phrases /nonexistent score examples/answers
  run --help; run score --help; run --version
  echo "$n command lines"
}

run_all "$work/old-bin/cse-screen" "$work/old" >/dev/null &
run_all "$work/new-bin/cse-screen" "$work/new"
wait
if diff -r "$work/old" "$work/new"; then
  echo "same output from both builds on $(ls "$work/new" | wc -l) command lines"
else
  echo "the builds differ (above)" >&2
  exit 1
fi
