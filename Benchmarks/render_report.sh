#!/usr/bin/env bash
# Renders the demo's HTML report (or a given one) to PNG with headless Chromium, to look at it as a
# reader would, on screen (1280 px and a 390 px phone) and as printed (A4 PDF, then PNG pages if pdftoppm is installed).
# Not part of `swift test`. Needs: apt-get install chromium (and poppler-utils for the PDF pages).
#
#   bash Benchmarks/render_report.sh [report.html] [out-folder]
set -euo pipefail
out=${2:-/tmp/qualkit-report-render}
mkdir -p "$out"
if [ $# -ge 1 ]; then
  report=$1
else
  swift run qualkit demo --dir "$out/demo" > /dev/null
  report="$out/demo/report.html"
fi
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,4200 \
  --screenshot="$out/report.png" "file://$(realpath "$report")" 2>/dev/null
# A phone: tables scroll inside their box, charts scale to the width.
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=390,2400 \
  --screenshot="$out/report-390.png" "file://$(realpath "$report")" 2>/dev/null
"$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$out/report.pdf" \
  "file://$(realpath "$report")" 2>/dev/null
if command -v pdftoppm > /dev/null; then pdftoppm -png -r 60 "$out/report.pdf" "$out/page"; fi
ls "$out"
