#!/usr/bin/env bash
# Renders a coder's reading view (`transcript show ID --format html`) of the demo study to PNG with
# headless Chromium, to look at it as a coder would. Not part of `swift test`.
# Needs: apt-get install chromium.
#
#   bash Benchmarks/render_reading_view.sh [TRANSCRIPT] [CODER] [out-folder]
set -euo pipefail
transcript=${1:-TC-001}
coder=${2:-AB}
out=${3:-/tmp/qualkit-reading-view}
mkdir -p "$out"
qualkit=${QUALKIT:-.build/debug/qualkit}
[ -x "$qualkit" ] || { swift build --product qualkit > /dev/null; }
[ -f "$out/demo/study.sqlite" ] || "$qualkit" demo --dir "$out/demo" > /dev/null
"$qualkit" transcript show "$transcript" --format html --coder "$coder" --db "$out/demo/study.sqlite" \
  --out "$out/$transcript.html" --force
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1600 \
  --screenshot="$out/$transcript.png" "file://$(realpath "$out/$transcript.html")" 2>/dev/null
ls "$out"
