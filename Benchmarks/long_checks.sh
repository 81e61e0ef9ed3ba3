#!/usr/bin/env bash
# The long checks of issue 9: what a study survives, with figures.
#
#   Benchmarks/long_checks.sh [FUZZ_SECONDS_PER_TARGET]       (default 180; 0 skips the fuzzers)
#
# (a) KILLS times (default 50) a large import (alternately ~TURNS x FILES transcript turns, and
#     CODINGS rows of codings CSV) is killed with SIGKILL at a random moment; after each kill
#     `PRAGMA integrity_check`, `PRAGMA foreign_key_check` and the full-text index's integrity
#     check must pass and the row counts must be those from before the import or after it, never
#     in between. Every tenth killed study is then imported into again, which must complete.
# (b) ROUNDS rounds (default 5) of 8 concurrent writers on one study: four import transcripts for
#     disjoint participants, four import codings for their own coders. A writer may exit 0 or 75
#     (EX_TEMPFAIL: the study stayed busy past the timeout); any other code is a failure. A writer
#     that exited 0 must have all its rows in the study, one that exited 75 none.
# (c) the libFuzzer targets (Benchmarks/fuzz/run.sh) for FUZZ_SECONDS_PER_TARGET each.
#
# Prints one table: check, runs, failures, crashes, rows lost. "crashes" counts a qualkit exit by
# a signal we did not send or with a trap (132/134), and crashing fuzz inputs; "rows lost" counts
# rows that a finished import or writer reported and the study no longer has, or that an earlier
# committed state had and a killed import took away.
#
# Needs python3 (data generator) and the sqlite3 command-line shell; without sqlite3 it says so
# and installs it with `apt-get install -y sqlite3` when run as root.
# The release build of qualkit and the fuzzers' builds take the shared build lock.
# Environment: KILLS, ROUNDS, FILES, TURNS, CODINGS, WORK (scratch folder, default mktemp),
# QUALKIT_BUILD_LOCK, QUALKIT_BIN (a qualkit binary to use instead of building one). Sizes default to an import of a few seconds on a laptop.
set -uo pipefail

FUZZ_SECONDS=${1:-180}
KILLS=${KILLS:-50}
ROUNDS=${ROUNDS:-5}
FILES=${FILES:-40}
TURNS=${TURNS:-1500}
CODINGS=${CODINGS:-150000}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
LOCK=${QUALKIT_BUILD_LOCK:-/tmp/qualkit-build.lock}
WORK=${WORK:-$(mktemp -d /tmp/qualkit-long-checks.XXXXXX)}
mkdir -p "$WORK"

if ! command -v sqlite3 >/dev/null; then
    echo "the sqlite3 shell is missing: installing it with apt-get (package sqlite3)" >&2
    if [[ $(id -u) == 0 ]]; then
        apt-get install -y sqlite3 >/dev/null || { apt-get update >/dev/null && apt-get install -y sqlite3 >/dev/null; }
    fi
    command -v sqlite3 >/dev/null || { echo "please install sqlite3 (apt-get install sqlite3)" >&2; exit 2; }
fi

if [[ -n ${QUALKIT_BIN:-} ]]; then
    QK=$QUALKIT_BIN
else
    echo "building qualkit (release)..." >&2
    (cd "$ROOT" && flock "$LOCK" swift build -c release --product qualkit >"$WORK/build.log" 2>&1) \
        || { tail -30 "$WORK/build.log" >&2; exit 2; }
    QK="$ROOT/.build/release/qualkit"
fi

qk() { QUALKIT_DB="$STUDY" "$QK" "$@"; }
sql() { sqlite3 -batch "$1" "$2" 2>&1; }

# --- data ------------------------------------------------------------------------------------
echo "generating data in $WORK..." >&2
python3 - "$WORK" "$FILES" "$TURNS" "$CODINGS" <<'PY'
import os, random, sys
work, files, turns, codings = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(9)
words = ("support waiting list family doctor worry community language appointment phone letter "
         "talk help friend money work sleep stress service trust listen time weeks months").split()
def sentence(n):
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."

def transcript(path, pid, n):
    # Alternating speakers, so every turn is one segment.
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"Long-checks interview {pid}\n\n")
        for t in range(n):
            s = t * 20
            who = "Interviewer" if t % 2 == 0 else pid
            f.write(f"[{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}] {who}: {sentence(rng.randint(8, 40))}\n\n")

big = [f"P{i:04d}" for i in range(1, files + 1)]
small = [f"Q{w}{i:02d}" for w in range(1, 9) for i in range(1, 6)]
with open(os.path.join(work, "participants.csv"), "w") as f:
    f.write("id,languages\n")
    for pid in big + small:
        f.write(f"{pid},en\n")
os.makedirs(os.path.join(work, "big"), exist_ok=True)
for pid in big:
    transcript(os.path.join(work, "big", pid + ".txt"), pid, turns)
for w in range(1, 9):
    d = os.path.join(work, f"writer{w}")
    os.makedirs(d, exist_ok=True)
    for pid in small:
        if pid.startswith(f"Q{w}"):
            transcript(os.path.join(d, pid + ".txt"), pid, 200)

codes = ["barrier", "barrier.stigma", "barrier.waiting", "facilitator", "facilitator.peer", "context"]
def coding_rows(coder, n, seed):
    r = random.Random(seed)
    seen = set()
    out = []
    while len(out) < n:
        row = (r.choice(big), r.randint(1, turns), r.choice(codes))
        if row in seen:
            continue
        seen.add(row)
        out.append(row)
    return out
with open(os.path.join(work, "codings-big.csv"), "w") as f:
    f.write("transcript,segment,code,coder,memo\n")
    n = min(codings, files * turns * len(codes) // 2)
    for t, s, c in coding_rows("AB", n, 1):
        f.write(f"{t},{s},{c},AB,\n")
for w in range(1, 9):
    with open(os.path.join(work, f"writer{w}", "codings.csv"), "w") as f:
        f.write("transcript,segment,code,coder\n")
        for t, s, c in coding_rows(f"W{w}", 3000, 100 + w):
            f.write(f"{t},{s},{c},W{w}\n")
PY
[[ $? == 0 ]] || { echo "data generation failed" >&2; exit 2; }

# base0: people, coders and codes; base1: base0 with the big transcripts.
STUDY="$WORK/base0.sqlite"
rm -f "$WORK"/base*.sqlite*
{
    qk init --title "long checks" &&
        qk participant import "$WORK/participants.csv" &&
        qk coder add AB &&
        for w in 1 2 3 4 5 6 7 8; do qk coder add "W$w" || exit 1; done &&
        for c in barrier barrier.stigma barrier.waiting facilitator facilitator.peer context; do
            qk code add "$c" || exit 1
        done
} >"$WORK/setup.log" 2>&1 || { cat "$WORK/setup.log" >&2; exit 2; }
cp "$WORK/base0.sqlite" "$WORK/base1.sqlite"
STUDY="$WORK/base1.sqlite"
qk transcript import "$WORK"/big/*.txt >>"$WORK/setup.log" 2>&1 || { tail "$WORK/setup.log" >&2; exit 2; }
sql "$WORK/base1.sqlite" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null

counts() { # transcripts segments codings
    sql "$1" "SELECT (SELECT count(*) FROM transcript)||' '||(SELECT count(*) FROM segment)||' '||(SELECT count(*) FROM coding)"
}
total() { local sum=0; for n in $1; do sum=$((sum + n)); done; echo $sum; }
healthy() { # integrity, foreign keys and the full-text index; says what failed
    local db=$1 out
    out=$(sql "$db" "PRAGMA integrity_check")
    [[ $out == ok ]] || { echo "integrity_check: $out" | head -5 >&2; return 1; }
    out=$(sql "$db" "PRAGMA foreign_key_check")
    [[ -z $out ]] || { echo "foreign_key_check: $out" | head -5 >&2; return 1; }
    out=$(sql "$db" "INSERT INTO segment_search(segment_search) VALUES('integrity-check')")
    [[ -z $out ]] || { echo "fts integrity-check: $out" | head -5 >&2; return 1; }
}
fresh() { # fresh COPY_OF TARGET
    rm -f "$2" "$2-wal" "$2-shm"
    cp "$1" "$2"
}

ROWS=()
row() { ROWS+=("$(printf '%-34s %8s %9s %8s %10s' "$@")"); }

# --- (a) kills -------------------------------------------------------------------------------
# One uninterrupted run of each import gives the "after" counts and its duration.
declare -A AFTER BEFORE DURATION
for kind in transcripts codings; do
    base=$WORK/base0.sqlite
    [[ $kind == codings ]] && base=$WORK/base1.sqlite
    fresh "$base" "$WORK/ref.sqlite"
    STUDY="$WORK/ref.sqlite"
    BEFORE[$kind]=$(counts "$WORK/ref.sqlite")
    start=$(date +%s.%N)
    if [[ $kind == transcripts ]]; then
        qk transcript import "$WORK"/big/*.txt >/dev/null
    else
        qk codings import "$WORK/codings-big.csv" >/dev/null
    fi || { echo "the reference $kind import failed" >&2; exit 2; }
    DURATION[$kind]=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$(date +%s.%N)")
    AFTER[$kind]=$(counts "$WORK/ref.sqlite")
    echo "reference $kind import: ${DURATION[$kind]%.*}s, counts ${BEFORE[$kind]} -> ${AFTER[$kind]}" >&2
done

kill_runs=0 kill_failures=0 kill_crashes=0 kill_lost=0 committed=0
for ((i = 1; i <= KILLS; i++)); do
    kind=transcripts base=$WORK/base0.sqlite
    ((i % 2 == 0)) && kind=codings base=$WORK/base1.sqlite
    fresh "$base" "$WORK/kill.sqlite"
    STUDY="$WORK/kill.sqlite"
    # Anywhere from before the file is opened to a little after the import would have finished.
    delay=$(python3 -c "import random,sys; random.seed($i); print(round(random.uniform(0, 1.1 * float(sys.argv[1])), 3))" "${DURATION[$kind]}")
    # exec, so that the pid is qualkit's own and SIGKILL reaches it, not a subshell around it.
    if [[ $kind == transcripts ]]; then
        (QUALKIT_DB="$STUDY" exec "$QK" transcript import "$WORK"/big/*.txt >/dev/null 2>"$WORK/kill.err") &
    else
        (QUALKIT_DB="$STUDY" exec "$QK" codings import "$WORK/codings-big.csv" >/dev/null 2>"$WORK/kill.err") &
    fi
    pid=$!
    sleep "$delay"
    kill -KILL $pid 2>/dev/null
    wait $pid 2>/dev/null
    status=$?
    kill_runs=$((kill_runs + 1))
    # 137 is our SIGKILL; 0 means it finished first. Anything else is a crash or an error.
    if [[ $status != 137 && $status != 0 ]]; then
        if ((status > 128)) || [[ $status == 132 || $status == 134 ]]; then kill_crashes=$((kill_crashes + 1)); fi
        kill_failures=$((kill_failures + 1))
        echo "kill $i ($kind): exit $status: $(head -c 300 "$WORK/kill.err")" >&2
    fi
    now=$(counts "$WORK/kill.sqlite")
    if ! healthy "$WORK/kill.sqlite"; then
        kill_failures=$((kill_failures + 1))
        echo "kill $i ($kind, after ${delay}s): integrity check failed" >&2
    elif [[ $now == "${AFTER[$kind]}" ]]; then
        committed=$((committed + 1))
    elif [[ $now != "${BEFORE[$kind]}" ]]; then
        kill_failures=$((kill_failures + 1))
        lost=$(($(total "${BEFORE[$kind]}") - $(total "$now")))
        ((lost > 0)) && kill_lost=$((kill_lost + lost))
        echo "kill $i ($kind, after ${delay}s): counts $now, neither ${BEFORE[$kind]} nor ${AFTER[$kind]}" >&2
    fi
    # The killed study must still take the import.
    if ((i % 10 == 0)) && [[ $now == "${BEFORE[$kind]}" ]]; then
        if [[ $kind == transcripts ]]; then
            qk transcript import "$WORK"/big/*.txt >/dev/null 2>&1
        else
            qk codings import "$WORK/codings-big.csv" >/dev/null 2>&1
        fi
        status=$?
        if [[ $status != 0 || $(counts "$WORK/kill.sqlite") != "${AFTER[$kind]}" ]]; then
            kill_failures=$((kill_failures + 1))
            echo "kill $i ($kind): importing again after the kill failed (exit $status)" >&2
        fi
    fi
done
echo "kills: $committed of $kill_runs imports had committed when killed" >&2
row "kill -9 during large imports" "$kill_runs" "$kill_failures" "$kill_crashes" "$kill_lost"

# --- (b) 8 concurrent writers ----------------------------------------------------------------
writer() { # writer N: odd writers import codings, even writers transcripts
    local n=$1
    if ((n % 2)); then
        qk codings import "$WORK/writer$n/codings.csv"
    else
        qk transcript import "$WORK"/writer$n/*.txt
    fi
}
writer_rows() { # writer_rows N DB: the rows writer N adds
    local n=$1 db=$2
    if ((n % 2)); then
        sql "$db" "SELECT count(*) FROM coding WHERE coder = 'W$n'"
    else
        sql "$db" "SELECT count(*) FROM segment WHERE transcript LIKE 'Q$n%'"
    fi
}
# Each writer alone first: what it should add.
declare -A EXPECT
fresh "$WORK/base1.sqlite" "$WORK/serial.sqlite"
STUDY="$WORK/serial.sqlite"
for n in 1 2 3 4 5 6 7 8; do
    writer "$n" >/dev/null 2>&1 || { echo "writer $n fails even alone" >&2; exit 2; }
    EXPECT[$n]=$(writer_rows "$n" "$WORK/serial.sqlite")
    ((EXPECT[$n] > 0)) || { echo "writer $n adds no rows" >&2; exit 2; }
done
echo "writers add ${EXPECT[*]} rows" >&2

w_runs=0 w_failures=0 w_crashes=0 w_lost=0 w_busy=0
for ((r = 1; r <= ROUNDS; r++)); do
    fresh "$WORK/base1.sqlite" "$WORK/writers.sqlite"
    STUDY="$WORK/writers.sqlite"
    before=$(counts "$WORK/writers.sqlite")
    declare -A PIDS=()
    for n in 1 2 3 4 5 6 7 8; do
        writer "$n" >/dev/null 2>"$WORK/writer$n.err" &
        PIDS[$n]=$!
    done
    for n in 1 2 3 4 5 6 7 8; do
        wait "${PIDS[$n]}"
        status=$?
        w_runs=$((w_runs + 1))
        have=$(writer_rows "$n" "$WORK/writers.sqlite")
        case $status in
            0)
                if [[ $have != "${EXPECT[$n]}" ]]; then
                    w_failures=$((w_failures + 1))
                    ((have < EXPECT[$n])) && w_lost=$((w_lost + EXPECT[$n] - have))
                    echo "round $r writer $n: exit 0 but $have rows of ${EXPECT[$n]}" >&2
                fi
                ;;
            75)
                w_busy=$((w_busy + 1))
                if [[ $have != 0 ]]; then
                    w_failures=$((w_failures + 1))
                    echo "round $r writer $n: exit 75 but $have rows stayed" >&2
                fi
                ;;
            *)
                w_failures=$((w_failures + 1))
                if ((status > 128)) || [[ $status == 132 || $status == 134 ]]; then w_crashes=$((w_crashes + 1)); fi
                echo "round $r writer $n: exit $status: $(head -c 300 "$WORK/writer$n.err")" >&2
                ;;
        esac
    done
    if ! healthy "$WORK/writers.sqlite"; then
        w_failures=$((w_failures + 1))
        echo "round $r: integrity check failed" >&2
    fi
    # Nothing the study held before the writers started may be gone.
    read -r t0 s0 c0 <<<"$before"
    read -r t1 s1 c1 <<<"$(counts "$WORK/writers.sqlite")"
    ((t1 < t0 || s1 < s0 || c1 < c0)) && w_lost=$((w_lost + (t0 - t1) + (s0 - s1) + (c0 - c1)))
done
echo "writers: $w_busy of $w_runs exited 75 (busy)" >&2
row "8 concurrent writers" "$w_runs" "$w_failures" "$w_crashes" "$w_lost"

# --- (c) fuzzers -----------------------------------------------------------------------------
if ((FUZZ_SECONDS > 0)); then
    "$HERE/fuzz/run.sh" "$FUZZ_SECONDS" >"$WORK/fuzz.txt" 2>"$WORK/fuzz.err"
    status=$?
    if ((status > 1)) || [[ ! -s $WORK/fuzz.txt ]]; then
        cat "$WORK/fuzz.err" >&2
        row "fuzzers (failed to run)" 0 1 0 0
    fi
    while read -r target runs crashes seconds; do
        [[ $target == target ]] && continue
        row "fuzz $target (${seconds}s)" "$runs" 0 "$crashes" 0
    done <"$WORK/fuzz.txt"
fi

printf '%-34s %8s %9s %8s %10s\n' check runs failures crashes "rows lost"
printf '%s\n' "${ROWS[@]}"
echo "(scratch files in $WORK)"
