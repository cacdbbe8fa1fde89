#!/usr/bin/env bash
# Measures the work issue 17 bounded, with a release build: each renderer given a 1 MiB
# case reference (the answers limit), 24,000 problems in one file, a folder walk over
# 100,000 files (time and peak memory), and a folder of directory links. Prints one line
# per run: seconds, peak RSS.
# Not part of CI (the tests assert counts, never times).
#
#   cargo build --release && scripts/bounded-work.sh [BINARY]   (default: target/release/cse-screen)
#
# Needs GNU time at /usr/bin/time (Debian: apt-get install time). Writes only to a
# temporary folder, removed at the end (about 400 MB while it runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-${CARGO_TARGET_DIR:-target}/release/cse-screen}")
example=examples/answers/national-02-high-by-score.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Answers files whose case reference is N characters long.
reference() {
  python3 - "$example" "$1" "$2" <<'PY'
import re, sys
src, n, out = open(sys.argv[1]).read(), int(sys.argv[2]), sys.argv[3]
open(out, "w").write(re.sub(r"case_reference: .*", "case_reference: EX-" + "x" * n, src, count=1))
PY
}
reference 200000 "$work/ref200k.yaml"
reference $((1024 * 1024 - $(wc -c <"$example") - 64)) "$work/ref1m.yaml"

measure() {
  local label=$1 seconds rss
  shift
  # 120 s at most: before the fix, a 1 MiB cell in a table did not finish.
  /usr/bin/time -f "%e %M" -o "$work/time" timeout 120 "$@" >/dev/null 2>&1 || true
  read -r seconds rss < <(tail -n 1 "$work/time")
  [[ ${seconds%.*} -ge 120 ]] && seconds=">120 (stopped)"
  printf '%-58s %8s s %8s KB\n' "$label" "$seconds" "$rss"
}

echo "binary: $bin"
for f in ref200k ref1m; do
  measure "score $f.yaml + 1 file --format table" "$bin" score "$work/$f.yaml" "$example" --format table
done
for format in json csv markdown; do
  measure "score ref1m.yaml + 1 file --format $format" "$bin" score "$work/ref1m.yaml" "$example" --format "$format"
done
measure "score ref1m.yaml (one file, full result)" "$bin" score "$work/ref1m.yaml" --format table
for format in table markdown json; do
  measure "history ref1m.yaml --format $format" "$bin" history "$work/ref1m.yaml" --as-of 2026-12-01 --format "$format"
done
for format in markdown html; do
  measure "report ref1m.yaml --format $format" "$bin" report "$work/ref1m.yaml" --format "$format"
done
measure "explain ref1m.yaml" "$bin" explain "$work/ref1m.yaml"

# Nearly 1 MiB of answers to 24,000 indicators the questionnaire does not have: each is a
# problem, with its line quoted and the nearest id looked for.
python3 - "$example" "$work/unknown24k.yaml" <<'PY'
import sys
src, out = open(sys.argv[1]).read(), sys.argv[2]
head, rest = src.split("answers:\n", 1)
ids = "".join(f"  unknown_indicator_{i:05d}: {{answer: no}}\n" for i in range(24000))
open(out, "w").write(head + "answers:\n" + ids + rest)
PY
measure "score unknown24k.yaml (24,000 unknown indicators)" "$bin" score "$work/unknown24k.yaml"

# 100,000 empty answers files (each reported as empty): one folder, then 100 x 1,000.
python3 - "$work" <<'PY'
import os, sys
w = sys.argv[1]
os.makedirs(f"{w}/flat")
for i in range(100000):
    open(f"{w}/flat/case-{i:06d}.yaml", "w").close()
for d in range(100):
    os.makedirs(f"{w}/nested/d{d:03d}")
    for i in range(1000):
        open(f"{w}/nested/d{d:03d}/case-{i:04d}.yaml", "w").close()
PY
measure "score flat/ (100,000 files in one folder) --format jsonl" "$bin" score "$work/flat" --format jsonl --quiet
measure "score nested/ (100 folders x 1,000) --format jsonl" "$bin" score "$work/nested" --format jsonl --quiet
rm -rf "$work/flat" "$work/nested"

# A folder of directory links: 24 levels of two links each to the next (2^24 paths), a loop,
# a link to its parent and a link to /, beside one screening.
mkdir -p "$work/links/cases"
cp "$example" "$work/links/cases/"
for k in $(seq 0 24); do mkdir -p "$work/links/chain/d$k"; done
for k in $(seq 0 23); do
  ln -s "../d$((k + 1))" "$work/links/chain/d$k/l"
  ln -s "../d$((k + 1))" "$work/links/chain/d$k/r"
done
cp "$example" "$work/links/chain/d24/deep.yaml"
ln -s ../chain/d0 "$work/links/cases/chain"
ln -s . "$work/links/cases/self"
ln -s .. "$work/links/cases/up"
ln -s / "$work/links/cases/root"
measure "score links/cases (48 chained links, a loop, /)" "$bin" score "$work/links/cases" --format jsonl
rm "$work/links/cases/root"
measure "score --follow links/cases (without the link to /)" "$bin" score --follow "$work/links/cases" --format jsonl
