#!/usr/bin/env python3
"""Checks qualkit's matching optimum against independent solvers.

Usage:
    swift run -c release qualkit-bench match --export /tmp/pairs.csv [--participants N ...]
    python3 Benchmarks/check_matching.py /tmp/pairs.csv [--solver lsa|networkx|both]

The export holds the allowed pairs (participant index, interviewer index, cost) and a summary with
qualkit's matched count and total cost. Objective: most participants matched, then least cost.

- lsa: scipy.optimize.linear_sum_assignment on the capacity-expanded matrix (each interviewer
  repeated `capacity` times), plus one "unmatched" column per participant costing BIG, with
  disallowed pairs costing more than BIG. Dense, so for rosters up to a few thousand.
- networkx: network simplex on the same flow network qualkit builds, with the unmatched arc
  priced at BIG. Sparse, so it handles 10,000 x 500.
Not part of `swift test`: the product never calls Python.
"""
import csv, sys, time

def load(path):
    with open(path + ".summary.csv") as f:
        summary = next(csv.DictReader(f))
    pairs = []
    with open(path) as f:
        for row in csv.DictReader(f):
            pairs.append((int(row["participant"]), int(row["interviewer"]), int(row["cost"])))
    return {k: int(v) for k, v in summary.items()}, pairs

def lsa(summary, pairs):
    import numpy as np
    from scipy.optimize import linear_sum_assignment
    n, m, cap = summary["participants"], summary["interviewers"], summary["capacity"]
    big = 10 * (n * 1000 + 1)
    cols = m * cap + n
    cost = np.full((n, cols), big * 10, dtype=np.int64)
    for p, i, c in pairs:
        cost[p, i * cap:(i + 1) * cap] = c
    for p in range(n):
        cost[p, m * cap + p] = big
    rows, chosen = linear_sum_assignment(cost)
    matched = int((chosen < m * cap).sum())
    total = int(cost[rows, chosen][chosen < m * cap].sum())
    return matched, total

def networkx_flow(summary, pairs):
    import networkx as nx
    n, m, cap = summary["participants"], summary["interviewers"], summary["capacity"]
    big = 10 * (n * 1000 + 1)
    g = nx.DiGraph()
    g.add_node("s", demand=-n)
    g.add_node("t", demand=n)
    for p in range(n):
        g.add_edge("s", ("p", p), capacity=1, weight=0)
        g.add_edge(("p", p), "t", capacity=1, weight=big)  # left unmatched
    for i in range(m):
        g.add_edge(("i", i), "t", capacity=cap, weight=0)
    for p, i, c in pairs:
        g.add_edge(("p", p), ("i", i), capacity=1, weight=c)
    flow = nx.min_cost_flow(g)
    matched = sum(v for p in range(n) for k, v in flow[("p", p)].items() if k != "t")
    total = sum(c for p, i, c in pairs if flow[("p", p)].get(("i", i), 0) > 0)
    return matched, total

def main():
    path = sys.argv[1]
    solver = sys.argv[sys.argv.index("--solver") + 1] if "--solver" in sys.argv else "both"
    summary, pairs = load(path)
    print(f"qualkit: matched {summary['matched']}, total cost {summary['total_cost']} "
          f"({summary['participants']} x {summary['interviewers']}, capacity {summary['capacity']}, {len(pairs)} allowed pairs)")
    ok = True
    for name, fn in (("lsa", lsa), ("networkx", networkx_flow)):
        if solver not in (name, "both"):
            continue
        start = time.time()
        matched, total = fn(summary, pairs)
        same = (matched, total) == (summary["matched"], summary["total_cost"])
        ok &= same
        print(f"{name}: matched {matched}, total cost {total} in {time.time() - start:.1f} s -> {'same' if same else 'DIFFERENT'}")
    sys.exit(0 if ok else 1)

if __name__ == "__main__":
    main()
