#!/usr/bin/env bash
# Builds the demo study and its findings workbook with the release binary, validates every XML
# part with xmllint, and opens the workbook with openpyxl (a real reader) to check sheet names,
# frozen headers, cell types, formulas and suppression. Not part of `swift test` (it needs Python).
# The build goes through the shared build lock.
#
#   bash Benchmarks/xlsx_check.sh [out-folder]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/qualkit-xlsx-check}
rm -rf "$out" && mkdir -p "$out"
venv=.build/venv-xlsx
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c "import openpyxl" 2>/dev/null || "$venv/bin/pip" install -q openpyxl
# QUALKIT_BIN=path uses an already built binary (e.g. .build/debug/qualkit) instead of a release build.
if [ -n "${QUALKIT_BIN:-}" ]; then
  bin=$(realpath "$QUALKIT_BIN")
else
  timeout 1800 flock -w 1800 /tmp/qualkit-build.lock swift build -c release --product qualkit > "$out/build.log" 2>&1
  bin=$(swift build -c release --show-bin-path)/qualkit
fi
"$bin" demo --dir "$out/demo" > /dev/null
by=(household age_band)
"$bin" report --db "$out/demo/study.sqlite" --format xlsx --by "$(IFS=,; echo "${by[*]}")" --out "$out/findings.xlsx"
mkdir -p "$out/parts" && (cd "$out/parts" && unzip -q ../findings.xlsx)
find "$out/parts" -type f | sort | while read -r part; do
  xmllint --noout "$part" && echo "xmllint ok   ${part#"$out/parts/"}"
done
"$venv/bin/python" Benchmarks/xlsx_check.py "$out/findings.xlsx" "${by[@]}"
