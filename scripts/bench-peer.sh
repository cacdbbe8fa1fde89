#!/usr/bin/env bash
# Side by side: cse-screen against the script a user would write instead (issue 21), and
# against the floor of reading every file. Not part of CI; the tests never time anything.
#
#   scripts/bench-peer.sh [--million] [--runs N] [--keep] [--dir DIR] [--sizes "N ..."] BINARY...
#
# Generates realistic screenings under DIR (default: a temporary folder): copies of
# examples/answers/*.yaml with a case reference of their own (so about 3 KB each, with the
# examples' answers, notes and judgements), and the same screenings as JSON (about 4 KB,
# under one 4 KB disk block). Then, for each workload, prints one table row per binary:
#
#   floor  a C program that reads every file once (nftw + read), compiled here with gcc
#   1 job  BINARY score DIR --format csv --jobs 1
#   all    BINARY score DIR --format csv            (every core)
#   peer   Python: PyYAML's C loader (or the pure-Python one, said so) or the stdlib json,
#          sums the weights of the answers, writes a CSV, two processes (multiprocessing)
#
# with the ratios peer/all (how much faster cse-screen is) and all/floor (how far from
# reading the files), and the peak RSS of each (GNU time's %M, in MB; for the peer, its
# largest process). Each time is the median of --runs runs (default 3), with the page
# cache warm (the floor runs first). Several binaries (a build before a change and one
# after) are measured in the same run, taking turns run by run, so their ratios compare.
#
# Workloads: 100k YAML and 100k JSON; with --million also 1M JSON (one folder; about 4 GB
# on disk while it runs, refused if the disk would drop under 5 GB free). Generated folders
# are deleted at the end unless --keep. Needs python3 with PyYAML, gcc and /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

million=false keep=false runs=3 dir="" sizes="100000"
while [ $# -gt 0 ]; do
  case $1 in
    --million) million=true ;;
    --keep) keep=true ;;
    --runs) runs=$2; shift ;;
    --dir) dir=$2; shift ;;
    --sizes) sizes=$2; shift ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
  shift
done
[ $# -ge 1 ] || { echo "usage: $0 [--million] [--runs N] [--keep] [--dir DIR] [--sizes \"N ...\"] BINARY..." >&2; exit 2; }
bins=()
for b in "$@"; do bins+=("$(realpath "$b")"); done

if [ -z "$dir" ]; then
  dir=$(mktemp -d)
  $keep || trap 'rm -rf "$dir"' EXIT
else
  mkdir -p "$dir"
fi
dir=$(realpath "$dir")

# --- the read floor ------------------------------------------------------------------------
cat >"$dir/floor.c" <<'C'
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <unistd.h>
static char buf[1 << 16];
static long long files, bytes;
static int visit(const char *p, const struct stat *s, int type, struct FTW *f) {
  (void)s; (void)f;
  if (type != FTW_F) return 0;
  int fd = open(p, O_RDONLY);
  if (fd < 0) return 0;
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) bytes += n;
  close(fd);
  files++;
  return 0;
}
int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) nftw(argv[i], visit, 64, FTW_PHYS);
  printf("%lld files, %lld bytes\n", files, bytes);
  return 0;
}
C
gcc -O2 -o "$dir/floor" "$dir/floor.c"

# --- the peer a user would write ---------------------------------------------------------
cat >"$dir/peer.py" <<'PY'
"""Scores a folder of screenings: sums the weights of the answers, writes a CSV."""
import csv, json, os, sys
from multiprocessing import Pool

import yaml
try:
    from yaml import CSafeLoader as Loader
except ImportError:  # no libyaml: the pure-Python loader, much slower
    from yaml import SafeLoader as Loader

def weights(path):
    with open(path, "rb") as f:
        q = yaml.load(f, Loader)
    return q["id"], {i["id"]: i.get("weights", i.get("weight", 0))
                     for s in q["sections"] for i in s["indicators"]}

WEIGHTS = {}

def setup(questionnaires):
    for p in questionnaires:
        qid, w = weights(p)
        WEIGHTS[qid] = w

def score(path):
    with open(path, "rb") as f:
        d = json.load(f) if path.endswith(".json") else yaml.load(f, Loader)
    qid = d["questionnaire"]["id"]
    w = WEIGHTS[qid]
    total = 0
    for ind, a in d["answers"].items():
        # PyYAML reads YAML 1.1: a bare `yes` is True.
        if a.get("answer") in ("yes", True):
            x = w[ind]
            total += sum(x[k] for k in a.get("windows", [])) if isinstance(x, dict) else x
    s = d["screening"]
    return [path, s["case_reference"], str(s["date"]), qid, total]

def main():
    folder, out, questionnaires = sys.argv[1], sys.argv[2], sys.argv[3:]
    files = sorted(os.path.join(r, f) for r, _, fs in os.walk(folder) for f in fs
                   if f.endswith((".yaml", ".yml", ".json")))
    with open(out, "w", newline="") as o, \
         Pool(2, initializer=setup, initargs=(questionnaires,)) as pool:
        w = csv.writer(o)
        w.writerow(["file", "case_reference", "date", "questionnaire", "score"])
        for row in pool.imap(score, files, chunksize=256):
            w.writerow(row)

if __name__ == "__main__":
    main()
PY
peer_loader=$(python3 -c 'import yaml; print("PyYAML C loader" if yaml.__with_libyaml__ else "PyYAML pure-Python loader (no libyaml: slower than a user would have)")')

# --- realistic files -----------------------------------------------------------------------
generate() { # KIND N FOLDER
  [ -f "$3/.done" ] && return 0
  rm -rf "$3"
  mkdir -p "$3"
  python3 - "$1" "$2" "$3" examples/answers/*.yaml <<'PY'
import json, os, re, sys
import yaml
kind, n, out, examples = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
# YAML 1.2 core, as cse-screen reads it: `no` and dates stay text.
class Core(yaml.SafeLoader):
    pass
Core.yaml_implicit_resolvers = {
    k: [(t, r) for t, r in v if t not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
texts = [open(e).read() for e in sorted(examples)]
if kind == "json":
    def as_json(t):
        d = yaml.load(t, Core)
        s = json.dumps(d, indent=2, ensure_ascii=False) + "\n"
        # One 4 KB disk block at most, so a million files fit in about 4 GB.
        return s if len(s.encode()) < 4000 else json.dumps(d, indent=1, ensure_ascii=False) + "\n"
    texts = [as_json(t) for t in texts]
ref = re.compile(r'("?case_reference"?: *"?)EX-[0-9]+')
width = len(str(n))
for i in range(n):
    t = texts[i % len(texts)]
    name = f"{i:0{width}d}.{kind}"
    with open(os.path.join(out, name), "w") as f:
        f.write(ref.sub(lambda m: f"{m.group(1)}EX-{900000 + i}", t, count=1))
PY
  touch "$3/.done"
}

# --- measuring -----------------------------------------------------------------------------
# Runs the command once and appends "SECONDS RSS_KB CPU_SECONDS" to the file $1.
once() {
  local log=$1 s m u k
  shift
  /usr/bin/time -f "%e %M %U %S" -o "$dir/time" "$@" >"$dir/out.csv" 2>"$dir/err" || true
  read -r s m u k < <(tail -n 1 "$dir/time")
  echo "$s $m $(python3 -c "print($u + $k)")" >>"$log"
}

# Prints "SECONDS RSS_MB CPU_SECONDS" for the runs logged in the file $1, each the median.
median() {
  python3 - "$1" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
s = statistics.median(float(r[0]) for r in rows)
m = statistics.median(int(r[1]) for r in rows)
c = statistics.median(float(r[2]) for r in rows)
print(f"{s:.2f} {m / 1024:.0f} {c:.1f}")
PY
}

# Prints the medians of $runs runs of the command.
measure() {
  local log="$dir/runs-measure"
  : >"$log"
  for ((r = 0; r < runs; r++)); do once "$log" "$@"; done
  median "$log"
}

echo "cse-screen side by side (scripts/bench-peer.sh), $(nproc) cores, median of $runs run(s)"
echo "peer: Python $(python3 -c 'import sys; print(sys.version.split()[0])'), $peer_loader, stdlib json, 2 processes"
for i in "${!bins[@]}"; do echo "binary $((i + 1)): ${bins[$i]}"; done
echo "load before: $(uptime | sed 's/.*load average: //')"
echo
echo "Each cell: wall seconds, then CPU seconds (user + system) and peak RSS in MB."
echo
printf '| %-9s | %-6s | %9s | %22s | %22s | %22s | %9s | %9s |\n' \
  workload binary "floor s" "1 job" "all jobs" "peer" peer/all all/floor
printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' -----------: --------: ----------: ------------------------: \
  ------------------------: ------------------------: ----------: ----------:

workloads=()
for n in $sizes; do workloads+=("yaml $n" "json $n"); done
$million && workloads+=("json 1000000")
for w in "${workloads[@]}"; do
  read -r kind n <<<"$w"
  folder="$dir/$kind-$n"
  if [ "$n" -ge 1000000 ] && [ ! -f "$folder/.done" ]; then
    free_kb=$(df -Pk "$dir" | awk 'NR == 2 {print $4}')
    if [ "$free_kb" -lt $((9 * 1024 * 1024)) ]; then
      echo "| $kind $n | skipped: $((free_kb / 1024 / 1024)) GB free, and 4 GB of files would leave under 5 GB |"
      continue
    fi
  fi
  generate "$kind" "$n" "$folder"
  label="$kind $((n / 1000))k"
  [ "$n" -ge 1000000 ] && label="$kind $((n / 1000000))M"
  read -r floor _ _ < <(measure "$dir/floor" "$folder")
  read -r peer peer_rss peer_cpu < <(measure python3 "$dir/peer.py" "$folder" /dev/stdout questionnaires/*.yaml)
  # The binaries take turns, run by run, so none is measured later than another: on this
  # kind of machine the second of two builds measured one after the other ran up to a third
  # slower on JSON, whichever build it was.
  for i in "${!bins[@]}"; do : >"$dir/runs-$i-one"; : >"$dir/runs-$i-all"; done
  for ((r = 0; r < runs; r++)); do
    for i in "${!bins[@]}"; do once "$dir/runs-$i-one" "${bins[$i]}" score "$folder" --format csv --jobs 1; done
    for i in "${!bins[@]}"; do once "$dir/runs-$i-all" "${bins[$i]}" score "$folder" --format csv; done
  done
  for i in "${!bins[@]}"; do
    read -r one one_rss one_cpu < <(median "$dir/runs-$i-one")
    read -r all all_rss all_cpu < <(median "$dir/runs-$i-all")
    ratio() { python3 -c "import sys; a, b = map(float, sys.argv[1:]); print(f'{a / b:.1f}x' if b else '-')" "$1" "$2"; }
    printf '| %-9s | %-6s | %9s | %22s | %22s | %22s | %9s | %9s |\n' "$label" "$((i + 1))" "$floor" \
      "$one (cpu $one_cpu, $one_rss MB)" "$all (cpu $all_cpu, $all_rss MB)" \
      "$peer (cpu $peer_cpu, $peer_rss MB)" "$(ratio "$peer" "$all")" "$(ratio "$all" "$floor")"
  done
  $keep || rm -rf "$folder"
done
echo
echo "load after: $(uptime | sed 's/.*load average: //')"
