#!/usr/bin/env python3
"""Computes tally and agreement on a `qualkit-bench analysis` study with Python libraries, for the
figures beside qualkit's (and as a check of its values). Not part of `swift test`.

    swift run -c release qualkit-bench analysis --study /tmp/qa.sqlite
    swift run -c release qualkit agreement --db /tmp/qa.sqlite --format json > /tmp/qa-agreement.json
    swift run -c release qualkit tally --db /tmp/qa.sqlite --format json > /tmp/qa-tally.json
    python3 Benchmarks/analysis_reference.py /tmp/qa.sqlite /tmp/qa-agreement.json /tmp/qa-tally.json

Tally: participants per code with roll-up to parents (plain Python sets). Agreement per leaf code over
participant segments of transcripts both coders covered: scikit-learn's cohen_kappa_score and the
`krippendorff` package's nominal alpha, on the full 0/1 vectors.
"""
import json, sqlite3, sys, time
import numpy as np
import krippendorff
from sklearn.metrics import cohen_kappa_score

db = sqlite3.connect(sys.argv[1])
start = time.time()
rows = db.execute("""SELECT c.code, i.participant FROM coding c JOIN segment s ON s.id = c.segment
                     JOIN transcript t ON t.id = s.transcript JOIN interview i ON i.id = t.interview""").fetchall()
people = {}
for code, participant in rows:
    parts = code.split(".")
    for n in range(1, len(parts) + 1):
        people.setdefault(".".join(parts[:n]), set()).add(participant)
total = db.execute("SELECT count(DISTINCT i.participant) FROM coverage v JOIN transcript t ON t.id = v.transcript JOIN interview i ON i.id = t.interview").fetchone()[0]
tally = {code: len(p) for code, p in people.items()}
print(f"python tally: {time.time() - start:.2f} s (N = {total})")

start = time.time()
units = [r[0] for r in db.execute("""SELECT s.id FROM segment s WHERE s.role = 'participant' AND s.transcript IN
    (SELECT transcript FROM coverage GROUP BY transcript HAVING count(DISTINCT coder) >= 2) ORDER BY s.id""")]
position = {u: k for k, u in enumerate(units)}
coders = [r[0] for r in db.execute("SELECT id FROM coder ORDER BY id")]
applied = [r[0] for r in db.execute("SELECT DISTINCT code FROM coding ORDER BY code")]
# Parents roll up, as in qualkit: a segment tagged barrier.stigma.family counts for barrier.stigma too.
codes = sorted({".".join(c.split(".")[:n]) for c in applied for n in range(1, len(c.split(".")) + 1)})
vectors = {(code, coder): np.zeros(len(units), dtype=np.int8) for code in codes for coder in coders}
for code, segment, coder in db.execute("SELECT code, segment, coder FROM coding"):
    k = position.get(segment)
    if k is not None:
        parts = code.split(".")
        for n in range(1, len(parts) + 1):
            vectors[(".".join(parts[:n]), coder)][k] = 1
load = time.time() - start
start = time.time()
stats = {}
for code in codes:
    a, b = vectors[(code, coders[0])], vectors[(code, coders[1])]
    kappa = cohen_kappa_score(a, b)
    alpha = krippendorff.alpha(reliability_data=np.vstack([a, b]).astype(float), level_of_measurement="nominal", value_domain=[0, 1])
    stats[code] = (kappa, alpha)
print(f"python agreement: {load:.2f} s loading vectors + {time.time() - start:.2f} s statistics ({len(units)} units, {len(codes)} codes)")

if len(sys.argv) > 2:
    qualkit = {c["code"]: c for c in json.load(open(sys.argv[2]))["codes"]}
    worst = max(max(abs(qualkit[c]["kappa"] - k), abs(qualkit[c]["alpha"] - a)) for c, (k, a) in stats.items() if c in qualkit)
    print(f"largest difference from qualkit's kappa/alpha: {worst:.2e}")

if len(sys.argv) > 3:
    theirs = {t["code"]: t["participants"] for t in json.load(open(sys.argv[3]))["themes"]}
    differing = [c for c in tally if theirs.get(c) != tally[c]]
    print(f"tally: {len(tally)} codes compared, {len(differing)} differ from qualkit{': ' + ', '.join(differing) if differing else ''}")
