#!/usr/bin/env bash
# Matching against SciPy: random full cost matrices up to 2,000 x 2,000, qualkit's optimum total
# checked equal to scipy.optimize.linear_sum_assignment's, and the solve times compared (the
# matrix read is not timed on either side). One size also goes through `qualkit match
# --pair-costs FILE --pair-costs-mode replace` on a generated study, so the real command's total
# is checked too. Not part of `swift test`.
#
#   Benchmarks/match_vs_scipy.sh [SIZES...]     default: 100 500 1000 2000
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=${BENCH_DIR:-$root/.build/bench-match}
venv=$root/.build/venv-bench
mkdir -p "$work"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet scipy numpy
fi
if [ -z "${QUALKIT_BIN:-}" ]; then
  timeout 1500 flock -w 1500 /tmp/qualkit-build.lock swift build -c release --product qualkit > "$work/build.log" 2>&1 \
    && timeout 1500 flock -w 1500 /tmp/qualkit-build.lock swift build -c release --product qualkit-bench >> "$work/build.log" 2>&1 \
    || { tail -20 "$work/build.log"; exit 1; }
  QUALKIT_BIN=$root/.build/release
fi
"$venv/bin/python" Benchmarks/match_vs_scipy.py --bin "$QUALKIT_BIN" --work "$work" "$@"
