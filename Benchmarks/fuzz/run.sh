#!/usr/bin/env bash
# Builds the libFuzzer targets in Benchmarks/fuzz/targets and runs each for a fixed time.
#
#   Benchmarks/fuzz/run.sh [SECONDS_PER_TARGET]      (default 60)
#
# Environment:
#   FUZZ_TARGETS="protocol csv ..."   only these targets (default: every file in targets/)
#   FUZZ_BUILD_ONLY=1                 build, do not run
#   QUALKIT_BUILD_LOCK                the shared build lock (default /tmp/qualkit-build.lock)
#
# The library (Sources/QualKit) is compiled once, with -enable-testing so that targets can reach
# the internal parsers (RosterCSV), into a static library instrumented for libFuzzer and
# AddressSanitizer; each target is its file plus support/FuzzSupport.swift linked against it.
# Compiles take the shared build lock; runs do not.
#
# dicts/TARGET.dict, when there is one, gives libFuzzer the format's keywords.
#
# Prints one line per target: name, runs, crashes (distinct crashing inputs, timeouts and
# out-of-memory included), seconds. Crashing inputs are kept in .build/artifacts/TARGET/, the
# grown corpus in .build/corpus/TARGET/. Exit status 1 when any target crashed.
set -euo pipefail

SECONDS_PER_TARGET=${1:-60}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD="$HERE/.build"
LOCK=${QUALKIT_BUILD_LOCK:-/tmp/qualkit-build.lock}
SWIFTFLAGS=(-parse-as-library -O -g -sanitize=fuzzer,address -package-name qualkit)
mkdir -p "$BUILD"
cd "$ROOT"

all_targets() { for f in "$HERE"/targets/*.swift; do basename "$f" .swift; done; }
TARGETS=${FUZZ_TARGETS:-$(all_targets | tr '\n' ' ')}

# --- build -----------------------------------------------------------------------------------
newer_than() { # newer_than FILE PATHS...: true when FILE is missing or older than any of PATHS
    local out=$1; shift
    [[ ! -e "$out" ]] && return 0
    [[ -n "$(find "$@" -newer "$out" -name '*.swift' -print -quit)" ]]
}

build() {
    local lib="$BUILD/libQualKit.a"
    if newer_than "$lib" Sources/QualKit; then
        echo "building the instrumented library (a few minutes)..." >&2
        mapfile -t sources < <(find Sources/QualKit -name '*.swift' | sort)
        flock "$LOCK" swiftc -emit-library -static -module-name QualKit \
            -emit-module -emit-module-path "$BUILD/QualKit.swiftmodule" -enable-testing \
            "${SWIFTFLAGS[@]}" -I Sources/CSQLite "${sources[@]}" -o "$lib" >"$BUILD/build.log" 2>&1 \
            || { cat "$BUILD/build.log" >&2; exit 2; }
    fi
    for target in $TARGETS; do
        local exe="$BUILD/fuzz-$target"
        if newer_than "$exe" "$HERE/targets/$target.swift" "$HERE/support" || [[ "$lib" -nt "$exe" ]]; then
            echo "building fuzz-$target..." >&2
            # ld.gold warns about every ASan helper symbol it cannot export: keep those in the log.
            flock "$LOCK" swiftc "${SWIFTFLAGS[@]}" -I "$BUILD" -I Sources/CSQLite \
                "$HERE/support/FuzzSupport.swift" "$HERE/targets/$target.swift" "$lib" -lsqlite3 \
                -o "$exe" >"$BUILD/build-$target.log" 2>&1 \
                || { grep -v "Cannot export local symbol" "$BUILD/build-$target.log" >&2; exit 2; }
        fi
    done
}

# --- seeds: the repository's own test and demo files ------------------------------------------
seed() {
    local target=$1 dir="$BUILD/corpus/$1"
    mkdir -p "$dir"
    local demo=protocols/demo
    case $target in
        protocol) cp protocols/*.md "$demo"/*.md "$dir"/ ;;
        csv) cp "$demo"/*.csv "$HERE"/seeds/codebook_csv/*.csv "$dir"/ ;;
        roster_participants) cp "$demo"/participants.csv "$dir"/ ;;
        roster_interviewers) cp "$demo"/interviewers.csv "$dir"/ ;;
        codings_csv) cp "$demo"/codings-*.csv "$dir"/ ;;
        outcomes_csv) cp "$demo"/outcomes.csv "$dir"/ ;;
        codebook_csv) cp "$HERE"/seeds/codebook_csv/*.csv "$dir"/ ;;
        codebook_md) cp protocols/*.codebook.md "$dir"/ ;;
        transcript_txt) cp "$demo"/transcripts/*.txt "$dir"/ ;;
        transcript_vtt) cp "$demo"/transcripts/*.vtt "$dir"/ ;;
        transcript_srt) cp "$demo"/transcripts/*.srt "$dir"/ ;;
        availability)
            cp "$HERE"/seeds/availability/* "$dir"/
            # Every availability cell of the demo rosters, one file each.
            python3 - "$demo" "$dir" <<'PY'
import csv, sys, os
demo, out = sys.argv[1], sys.argv[2]
for name in ("participants.csv", "interviewers.csv"):
    with open(os.path.join(demo, name), newline="", encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f)):
            with open(os.path.join(out, f"{name}-{i}.txt"), "w", encoding="utf-8") as g:
                g.write(row["availability"])
PY
            ;;
        *) echo "no seeds known for $target" >&2 ;;
    esac
}

# --- run -------------------------------------------------------------------------------------
# libFuzzer stops at the first crash; to spend the whole time, a crash is recorded and the run
# restarts with the time left (at most 20 restarts, so a crashing seed cannot loop for ever).
run_target() {
    local target=$1 exe="$BUILD/fuzz-$target" artifacts="$BUILD/artifacts/$target"
    mkdir -p "$artifacts"
    seed "$target"
    local dict=()
    [[ -f "$HERE/dicts/$target.dict" ]] && dict=(-dict="$HERE/dicts/$target.dict")
    local start=$SECONDS deadline=$((SECONDS + SECONDS_PER_TARGET)) runs=0 restarts=0 status log
    local before
    before=$(find "$artifacts" -type f | wc -l)
    log="$BUILD/run-$target.log"
    : >"$log"
    while ((SECONDS < deadline && restarts <= 20)); do
        status=0
        # The Swift runtime's own backtracer can hang under libFuzzer's crash handler: leave crashes to it.
        SWIFT_BACKTRACE=enable=no QUALKIT_PROTOCOLS="$ROOT/protocols" \
            ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 \
            "$exe" -max_total_time=$((deadline - SECONDS)) -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
            -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$artifacts/" "${dict[@]}" \
            "$BUILD/corpus/$target" >"$log.last" 2>&1 || status=$?
        local done
        done=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log.last" | tail -1 | grep -o '[0-9]*$' || true)
        runs=$((runs + ${done:-0}))
        { cat "$log.last"; echo "--- exit $status"; } >>"$log"
        ((status == 0)) && break
        restarts=$((restarts + 1))
    done
    local crashes=$(($(find "$artifacts" -type f | wc -l) - before))
    printf '%-22s %12d %8d %8d\n' "$target" "$runs" "$crashes" $((SECONDS - start))
    ((crashes == 0))
}

build
[[ -n "${FUZZ_BUILD_ONLY:-}" ]] && exit 0
printf '%-22s %12s %8s %8s\n' target runs crashes seconds
failed=0
for target in $TARGETS; do run_target "$target" || failed=1; done
exit $failed
