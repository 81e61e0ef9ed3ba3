"""qualkit's assignment against scipy.optimize.linear_sum_assignment; run by match_vs_scipy.sh."""

import argparse
import os
import subprocess
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment


def qualkit_assign(binary, path):
    out = subprocess.run([os.path.join(binary, "qualkit-bench"), "assign", "--matrix", path],
                         check=True, capture_output=True, text=True).stdout
    fields = dict(line.split("=", 1) for line in out.split())
    return int(fields["total"]), float(fields["seconds"])


def scipy_assign(matrix, repeats):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        rows, cols = linear_sum_assignment(matrix)
        best = min(best, time.perf_counter() - start)
    return int(matrix[rows, cols].sum()), best


def through_the_command(binary, work, matrix):
    """Builds a study whose people can all meet, gives the whole matrix in replace mode and
    returns `qualkit match`'s total cost."""
    n, m = matrix.shape
    db = os.path.join(work, f"match-{n}x{m}.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    q = os.path.join(binary, "qualkit")
    subprocess.run([q, "init", "--db", db, "--title", "match check"], check=True, capture_output=True)
    with open(os.path.join(work, "p.csv"), "w") as f:
        f.write("id,languages,availability,prefers_same_community\n")
        for i in range(n):
            f.write(f"P{i:05d},en,mon 09:00-17:00,no\n")
    with open(os.path.join(work, "i.csv"), "w") as f:
        f.write("id,name,languages,capacity,availability\n")
        for j in range(m):
            f.write(f"IV{j:05d},Interviewer {j},en,1,mon 09:00-17:00\n")
    with open(os.path.join(work, "costs.csv"), "w") as f:
        f.write("participant,interviewer,cost\n")
        for i in range(n):
            f.write("".join(f"P{i:05d},IV{j:05d},{matrix[i, j]}\n" for j in range(m)))
    subprocess.run([q, "participant", "import", os.path.join(work, "p.csv"), "--db", db], check=True, capture_output=True)
    subprocess.run([q, "interviewer", "import", os.path.join(work, "i.csv"), "--db", db], check=True, capture_output=True)
    start = time.perf_counter()
    out = subprocess.run([q, "match", "--db", db, "--pair-costs", os.path.join(work, "costs.csv"),
                          "--pair-costs-mode", "replace", "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    seconds = time.perf_counter() - start
    import json
    return json.loads(out)["total_cost"], seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--command-size", type=int, default=300,
                        help="size checked through `qualkit match --pair-costs` (0: skip)")
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 500, 1000, 2000])
    args = parser.parse_args()
    rng = np.random.default_rng(15)
    failures = 0
    print(f"{'size':>11} {'scipy s':>9} {'qualkit s':>10} {'ratio':>7}  optimum")
    for n in args.sizes:
        for shape in [(n, n), (n, max(1, n // 2))]:
            matrix = rng.integers(0, 1_000_000, size=shape, dtype=np.int64)
            path = os.path.join(args.work, f"matrix-{shape[0]}x{shape[1]}.csv")
            np.savetxt(path, matrix, fmt="%d", delimiter=",")
            expected, scipy_seconds = scipy_assign(matrix, 3)
            total, seconds = qualkit_assign(args.bin, path)
            same = total == expected
            failures += not same
            ratio = seconds / max(scipy_seconds, 1e-9)
            print(f"{shape[0]:>5}x{shape[1]:<5} {scipy_seconds:>9.4f} {seconds:>10.4f} {ratio:>6.2f}×  "
                  f"{total} {'= scipy' if same else f'!= scipy {expected}'}")
    if args.command_size:
        n = args.command_size
        matrix = rng.integers(0, 1000, size=(n, n), dtype=np.int64)
        expected, _ = scipy_assign(matrix, 1)
        total, seconds = through_the_command(args.bin, args.work, matrix)
        same = total == expected
        failures += not same
        print(f"qualkit match --pair-costs, {n}x{n} ({n * n} rows): total {total} "
              f"{'= scipy' if same else f'!= scipy {expected}'}, {seconds:.2f} s including reading the file")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
