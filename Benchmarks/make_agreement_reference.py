#!/usr/bin/env python3
"""Writes Tests/QualKitTests/Fixtures/agreement-reference.json: small generated coding tables with
Krippendorff's alpha (Python `krippendorff`, nominal) and Cohen's kappa (scikit-learn
`cohen_kappa_score`) computed independently, for the Swift tests to match to 1e-9.
Run once; the output is committed. The product never calls Python.
"""
import json, random
import numpy as np
import krippendorff
from sklearn.metrics import cohen_kappa_score

random.seed(2026)
cases = []
for case in range(12):
    coders = random.choice([2, 2, 3, 4])
    units = random.randint(15, 60)
    categories = random.choice([2, 2, 3, 5])
    p_missing = random.choice([0.0, 0.1, 0.25])
    table = []
    for u in range(units):
        truth = random.randrange(categories)
        row = []
        for c in range(coders):
            if random.random() < p_missing:
                row.append(None)
            else:
                row.append(truth if random.random() < 0.75 else random.randrange(categories))
        table.append(row)
    data = np.array([[np.nan if v is None else v for v in row] for row in table], dtype=float).T
    alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal", value_domain=list(range(categories)))
    entry = {"coders": coders, "categories": categories, "units": table, "alpha": float(alpha)}
    if coders == 2:
        pairs = [(a, b) for a, b in table if a is not None and b is not None]
        entry["kappa"] = float(cohen_kappa_score([a for a, _ in pairs], [b for _, b in pairs], labels=list(range(categories))))
    cases.append(entry)
json.dump({"generator": "Benchmarks/make_agreement_reference.py", "krippendorff": krippendorff.__version__ if hasattr(krippendorff, "__version__") else "1.x",
           "cases": cases}, open("../Tests/QualKitTests/Fixtures/agreement-reference.json", "w"), indent=1)
print(len(cases), "cases")
