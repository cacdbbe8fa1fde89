#!/usr/bin/env bash
# Runs the same 739 command lines with two builds of cse-screen and diffs what each prints
# (stdout, stderr and exit code): every example and every invalid fixture through every
# reader, in every format, plus help, man pages, completions and schemas. For a change that
# must leave behaviour byte for byte the same (a restructuring), the diff must be empty.
#
#   scripts/compare-outputs.sh OLD_BINARY NEW_BINARY
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
