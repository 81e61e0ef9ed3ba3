#!/usr/bin/env bash
# Interop check with files made by real tools, outside the test suite (never a test dependency).
#
# How each fixture in Benchmarks/fixtures/refi/ was made (and is remade here when the tools are present):
# - taguette-codebook.qdc: Taguette 1.5.2 from PyPI (`pip install taguette` in a venv), its own REFI
#   codebook writer `taguette.export.codebook_xml` run on five tags (accented and dotted names, `Cost`
#   and `cost`), exactly what its "Export codebook > REFI-QDA (.qdc)" download calls. Taguette cannot
#   export a project as .qdpx (its projects leave only as its own SQLite or highlights), so there is no
#   Taguette .qdpx. Taguette writes flat codes, no descriptions, upper-case GUIDs and an empty <Sets/>.
# - QualCoder: not on PyPI (`pip install qualcoder` finds no distribution), so no QualCoder fixture;
#   its REFI export (src/qualcoder/refi.py) needs PyQt6 and a QualCoder project database.
# - word-*.docx: text written by Benchmarks/refi_make_fixtures.py, converted by LibreOffice Writer
#   (Debian's libreoffice-writer-nogui) with `soffice --headless --convert-to docx`:
#   word-plain (Label: text, a tab inside a turn), word-teams (Teams' "Name   0:03" line, then the
#   words, after a title/date/duration header), word-teams-time-first (the older Teams layout:
#   "0:0:3.120 --> 0:0:8.450", the name, the words), word-table (from HTML: a two-column table of
#   speaker and words).
#
# Then the release qualkit imports them: `codebook import` of each .qdc, `transcript import` of each
# .docx, and `qdpx import` of each .qdpx in the folder (when the binary has that command).
#
# Usage: Benchmarks/refi_interop.sh [--no-regenerate]
set -u
cd "$(dirname "$0")/.."
fixtures=Benchmarks/fixtures/refi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "${1:-}" != "--no-regenerate" ]; then
    venv=.build/venv-refi
    if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv" || echo "no venv: fixtures kept as committed"; fi
    if [ -x "$venv/bin/python" ]; then
        "$venv/bin/pip" install -q taguette || echo "taguette did not install: its codebook kept as committed"
        "$venv/bin/pip" install -q qualcoder 2>/dev/null || echo "qualcoder is not on PyPI: no QualCoder fixture"
        "$venv/bin/python" Benchmarks/refi_make_fixtures.py "$work/made" && cp "$work/made/taguette-codebook.qdc" "$fixtures/" 2>/dev/null
    fi
    if command -v soffice > /dev/null && [ -d "$work/made" ]; then
        (cd "$work/made" && for f in word-plain word-teams word-teams-time-first; do
            soffice --headless --convert-to docx:"MS Word 2007 XML" "$f.txt" > /dev/null 2>&1
        done
        soffice --headless --infilter="HTML (StarWriter)" --convert-to docx:"MS Word 2007 XML" word-table.html > /dev/null 2>&1)
        cp "$work"/made/*.docx "$fixtures/"
    else
        echo "soffice missing (apt-get install libreoffice-writer-nogui): Word fixtures kept as committed"
    fi
fi

timeout 1800 flock -w 1800 /tmp/qualkit-build.lock swift build -c release --product qualkit > "$work/build.log" 2>&1 \
    || { tail -20 "$work/build.log"; exit 1; }
qualkit=$(swift build -c release --show-bin-path)/qualkit
status=0
study="$work/interop.qualkit"
"$qualkit" --study "$study" init --title "REFI interop" > /dev/null || exit 1
for file in "$fixtures"/*.qdc; do
    echo "== codebook import $(basename "$file")"
    "$qualkit" --study "$study" codebook import "$file" || status=1
done
"$qualkit" --study "$study" code list
for file in "$fixtures"/*.docx; do
    echo "== transcript import $(basename "$file")"
    "$qualkit" --study "$study" participant add TC-001 > /dev/null 2>&1
    "$qualkit" --study "$study" transcript import "$file" --participant TC-001 --replace || status=1
    "$qualkit" --study "$study" transcript show TC-001 2>/dev/null | head -12
done
shopt -s nullglob
for file in "$fixtures"/*.qdpx; do
    echo "== qdpx import $(basename "$file")"
    if "$qualkit" qdpx import --help > /dev/null 2>&1; then
        "$qualkit" --study "$work/qdpx.qualkit" qdpx import "$file" || status=1
    else
        echo "this qualkit has no 'qdpx import' yet (it comes with the REFI project work): skipped"
    fi
done
exit $status
