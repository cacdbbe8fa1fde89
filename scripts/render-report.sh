#!/usr/bin/env bash
# Renders the HTML record of two example screenings, and the caseload oversight report of
# examples/caseload (as of 2026-06-01), with headless Chromium, to PDF and PNG, so a person
# can check how they look on screen and on paper.
#
#   scripts/render-report.sh [OUT_DIR]      (default: target/report-render)
#
# Needs a Chromium or Chrome already installed (chromium, chromium-browser, google-chrome,
# or $CHROMIUM); installs nothing. Not part of CI. Chromium is started with no network
# features, its own empty profile, and only file:// pages.
set -euo pipefail

cd "$(dirname "$0")/.."
out=${1:-target/report-render}

browser=${CHROMIUM:-}
if [[ -z $browser ]]; then
  for candidate in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$candidate" >/dev/null 2>&1; then
      browser=$candidate
      break
    fi
  done
fi
if [[ -z $browser ]]; then
  echo "error: no Chromium found; install it (Debian: apt-get install chromium) or set CHROMIUM=/path/to/chrome" >&2
  exit 1
fi

cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/cse-screen
mkdir -p "$out"
out=$(cd "$out" && pwd)
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

flags=(--headless --disable-gpu --no-first-run --no-default-browser-check
  --disable-background-networking --disable-component-update --disable-sync
  --disable-extensions --user-data-dir="$profile" --no-pdf-header-footer)
# Chromium refuses to run as root without this.
if [[ $(id -u) -eq 0 ]]; then flags+=(--no-sandbox); fi

for example in examples/answers/oxfordshire-09-judgement-raised.yaml \
               examples/answers/oxfordshire-12-in-progress.yaml; do
  name=$(basename "$example" .yaml)
  html=$out/$name.html
  "$bin" report --force --format html -o "$html" "$example"
  "$browser" "${flags[@]}" --print-to-pdf="$out/$name.pdf" "file://$html" 2>/dev/null
  "$browser" "${flags[@]}" --window-size=1280,2400 --screenshot="$out/$name.png" "file://$html" 2>/dev/null
  echo "$name: $out/$name.pdf, $out/$name.png"
  if command -v pdfinfo >/dev/null 2>&1; then
    pdfinfo "$out/$name.pdf" | grep -E '^(Pages|Page size):'
  fi
done

# The caseload oversight report: measures, charts, attention list and case table.
name=caseload-oversight
html=$out/$name.html
"$bin" caseload --quiet --force --as-of 2026-06-01 -o "$html" examples/caseload
"$browser" "${flags[@]}" --print-to-pdf="$out/$name.pdf" "file://$html" 2>/dev/null
"$browser" "${flags[@]}" --window-size=1280,3600 --screenshot="$out/$name.png" "file://$html" 2>/dev/null
echo "$name: $out/$name.pdf, $out/$name.png"
if command -v pdfinfo >/dev/null 2>&1; then
  pdfinfo "$out/$name.pdf" | grep -E '^(Pages|Page size):'
fi
