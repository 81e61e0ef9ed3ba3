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
# .docx, and `qdpx import` of each .qdpx in the folder. Last, qualkit's own REFI files from the demo
# study (`codebook export --format qdc`, `qdpx export` redacted and `--no-redact`) are validated
# against docs/refi/*.xsd with xmllint and imported back into new studies. Each step is a check;
# the last line counts them, and the exit status is 0 only when all passed.
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
passed=0
failed=0
# check NAME COMMAND...: runs the command, counts it passed (exit 0) or failed, and says which.
check() {
    local name=$1
    shift
    echo "== $name"
    if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name"; fi
}
study="$work/interop.sqlite"
QUALKIT_DB="$study" "$qualkit" init --title "REFI interop" > /dev/null || exit 1
for file in "$fixtures"/*.qdc; do
    check "codebook import $(basename "$file")" env QUALKIT_DB="$study" "$qualkit" codebook import "$file"
done
QUALKIT_DB="$study" "$qualkit" code list
QUALKIT_DB="$study" "$qualkit" participant add TC-001 > /dev/null 2>&1
for file in "$fixtures"/*.docx; do
    check "transcript import $(basename "$file")" \
        env QUALKIT_DB="$study" "$qualkit" transcript import "$file" --participant TC-001 --replace
    QUALKIT_DB="$study" "$qualkit" transcript show TC-001 2>/dev/null | head -12
done
shopt -s nullglob
for file in "$fixtures"/*.qdpx; do
    check "qdpx import $(basename "$file")" env QUALKIT_DB="$work/qdpx-$(basename "$file").sqlite" "$qualkit" qdpx import "$file"
done

# qualkit's own REFI files, from the demo study: each validates against its schema (xmllint), and
# the project goes back into a new study with nothing left out.
"$qualkit" demo --dir "$work/demo" > /dev/null || exit 1
demo="$work/demo/study.sqlite"
check "codebook export --format qdc" env QUALKIT_DB="$demo" "$qualkit" codebook export --format qdc --out "$work/demo.qdc"
check "qdpx export (redacted)" env QUALKIT_DB="$demo" "$qualkit" qdpx export --out "$work/demo.qdpx"
check "qdpx export --no-redact" env QUALKIT_DB="$demo" "$qualkit" qdpx export --out "$work/open.qdpx" --no-redact
if command -v xmllint > /dev/null && command -v unzip > /dev/null; then
    check "demo.qdc valid against Codebook.xsd" xmllint --noout --nonet --schema docs/refi/Codebook.xsd "$work/demo.qdc"
    for name in demo open; do
        mkdir -p "$work/$name" && unzip -q -o "$work/$name.qdpx" project.qde -d "$work/$name"
        check "$name.qdpx project.qde valid against Project-mrt2019.xsd" \
            xmllint --noout --nonet --schema docs/refi/Project-mrt2019.xsd "$work/$name/project.qde"
    done
else
    echo "xmllint or unzip missing (apt-get install libxml2-utils unzip): schema checks skipped"
fi
for name in demo open; do
    QUALKIT_DB="$work/back-$name.sqlite" "$qualkit" qdpx import "$work/$name.qdpx" > "$work/back-$name.txt" 2>&1
    code=$?
    cat "$work/back-$name.txt"
    check "qdpx import $name.qdpx: exit 0, nothing left out" \
        test $code -eq 0 -a -z "$(grep -e 'left out:' "$work/back-$name.txt")"
done

echo "refi interop: $passed checks passed, $failed failed"
[ $failed -eq 0 ]
