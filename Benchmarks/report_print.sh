#!/usr/bin/env bash
# Builds the demo study's HTML report with the release binary and renders it as a reader sees it:
# headless Chromium screenshots at 1280 px and at 390 px (a phone), the A4 printed PDF, and that
# PDF's pages as PNG (pdftoppm, from poppler-utils). Look at the images: headings left at the foot
# of a page, split figures or rows, tables overflowing the phone's width.
# Not part of `swift test`. Needs chromium and poppler-utils. The build takes the shared build lock.
#
#   bash Benchmarks/report_print.sh [out-folder]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/qualkit-report-print}
rm -rf "$out" && mkdir -p "$out"
# QUALKIT_BIN=path uses an already built binary (e.g. .build/debug/qualkit) instead of a release build.
if [ -n "${QUALKIT_BIN:-}" ]; then
  bin=$(realpath "$QUALKIT_BIN")
else
  timeout 1800 flock -w 1800 /tmp/qualkit-build.lock swift build -c release --product qualkit > "$out/build.log" 2>&1
  bin=$(swift build -c release --show-bin-path)/qualkit
fi
"$bin" demo --dir "$out/demo" > /dev/null
"$bin" report --db "$out/demo/study.sqlite" --by household,age_band --out "$out/report.html"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
url="file://$(realpath "$out/report.html")"
run() { "$browser" --headless --no-sandbox --disable-gpu "$@" 2> /dev/null; }
run --hide-scrollbars --window-size=1280,9000 --screenshot="$out/screen-1280.png" "$url"
run --hide-scrollbars --window-size=390,16000 --screenshot="$out/screen-390.png" "$url"
run --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "$url"
command -v pdftoppm > /dev/null || { echo "pdftoppm missing: apt-get install poppler-utils" >&2; exit 1; }
pdftoppm -png -r 50 "$out/report.pdf" "$out/page"
echo "pages: $(ls "$out"/page-*.png | wc -l)"
ls "$out"
