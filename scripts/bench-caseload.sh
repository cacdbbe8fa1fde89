#!/usr/bin/env bash
# Times `caseload` beside `score` on the same generated screenings (release build), with
# GNU time's peak RSS: 10,000 and 100,000 screenings, about five per case.
#
#   scripts/bench-caseload.sh [COUNTS...]      (default: 10000 100000)
#
# The screenings are copies of the teaching caseload (examples/caseload) with new case
# references (EX-100000 and up, fictional) and dates spread over a year, in folders of
# 1,000. Not part of CI: it writes about 300 MB per 100,000 files under $TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("${@:-10000 100000}")
read -r -a counts <<<"${counts[*]}"
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/cse-screen
for n in "${counts[@]}"; do
  dir=$(mktemp -d)
  python3 - "$dir" "$n" <<'PY'
import datetime, glob, os, re, sys
out, n = sys.argv[1], int(sys.argv[2])
templates = [open(f).read() for f in sorted(glob.glob("examples/caseload/EX-*.yaml"))]
start = datetime.date(2025, 6, 1)
for i in range(n):
    case = 100000 + i // 5
    date = start + datetime.timedelta(days=(i % 5) * 60 + (case % 50))
    t = templates[i % len(templates)]
    t = re.sub(r"\n  case_reference: .*", f"\n  case_reference: EX-{case}", t, count=1)
    t = re.sub(r"\n  date: .*", f"\n  date: {date}", t, count=1)
    t = re.sub(r"(due: )\d{4}-\d\d-\d\d", lambda m: m.group(1) + str(date + datetime.timedelta(days=7)), t)
    folder = os.path.join(out, f"{i // 1000:03d}")
    os.makedirs(folder, exist_ok=True)
    open(os.path.join(folder, f"s{i:06d}.yaml"), "w").write(t)
PY
  for what in "score --format jsonl" "caseload --as-of 2026-06-01 --format json"; do
    log=$(mktemp)
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    /usr/bin/time -v "$bin" --quiet $what "$dir" >/dev/null 2>"$log" || true
    end=$(date +%s.%N)
    secs=$(echo "$end - $start" | bc)
    rss=$(grep 'Maximum resident set size' "$log" | awk '{print $6}')
    printf '%7d screenings  %-9s %6.2f s  %8.0f files/s  peak RSS %6.1f MB\n' \
      "$n" "${what%% *}" "$secs" "$(echo "$n / $secs" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
    rm -f "$log"
  done
  rm -rf "$dir"
done
