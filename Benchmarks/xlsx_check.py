"""Opens a findings workbook written by `qualkit report --format xlsx` with openpyxl, a real
reader, and checks what the issue asks of it. Prints one line per check; exits 1 on any failure.

    python Benchmarks/xlsx_check.py findings.xlsx [by-attribute ...]
"""
import datetime
import sys

import openpyxl

path, by = sys.argv[1], sys.argv[2:]
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


book = openpyxl.load_workbook(path)  # formulas kept as written, not evaluated
expected = ["Summary", "Themes"] + ["By " + b for b in by] + ["Quotes", "Actions", "Outcomes"]
check(book.sheetnames == expected, f"sheet names {book.sheetnames}")
for ws in book.worksheets:
    check(len(ws.title) <= 31 and not any(c in ws.title for c in '[]:*?/\\'), f"{ws.title}: legal name")
    check(ws.freeze_panes == "A2", f"{ws.title}: header row frozen ({ws.freeze_panes})")
    header = [c.value for c in ws[1]]
    check(all(isinstance(v, str) for v in header) and all(c.font.b for c in ws[1]), f"{ws.title}: bold text header")
    widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i in range(len(header))]
    check(all(w and w >= 8 for w in widths), f"{ws.title}: column widths set {widths}")
    formulas = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    check(not formulas, f"{ws.title}: no formulas")

themes = book["Themes"]
rows = list(themes.iter_rows(min_row=2, values_only=True))
check(len(rows) > 0, f"Themes: {len(rows)} themes")
numeric = [r for r in rows if isinstance(r[3], (int, float))]
check(all(isinstance(r[4], (int, float)) for r in numeric), "Themes: participants and percent are numbers")
check(all(r[3] == 0 or r[3] >= 5 for r in numeric), "Themes: no published count from 1 to 4")

suppressed = 0
for name in ["Themes"] + ["By " + b for b in by]:
    ws = book[name]
    head = [c.value for c in ws[1]]
    p, pct = head.index("Participants"), head.index("Percent")
    for r in ws.iter_rows(min_row=2, values_only=True):
        if r[p] == "fewer than 5":
            suppressed += 1
            check(r[pct] is None, f"{name}: suppressed count has no percent ({r[0]}, {r[2] if len(r) > 2 else ''})")
        else:
            check(isinstance(r[p], (int, float)) and (r[p] == 0 or r[p] >= 5), f"{name}: {r[p]!r} may be published")
        if "Group participants" in head:
            g = r[head.index("Group participants")]
            check(isinstance(g, (int, float)) and g >= 5, f"{name}: group {r[0]!r} of {g} is published")
check(suppressed > 0, f"suppressed cells found: {suppressed}")

summary = {r[0]: r[1] for r in book["Summary"].iter_rows(min_row=2, values_only=True)}
check(isinstance(summary.get("Generated"), datetime.datetime), f"Summary: Generated is a date ({summary.get('Generated')!r})")
check(isinstance(summary.get("Interviews"), (int, float)), f"Summary: Interviews is a number ({summary.get('Interviews')!r})")

actions = book["Actions"]
head = [c.value for c in actions[1]]
done = [r[head.index("Done")] for r in actions.iter_rows(min_row=2, values_only=True)]
check(any(isinstance(d, datetime.datetime) for d in done), f"Actions: Done dates are datetimes {done}")
check(all(c.number_format == "yyyy-mm-dd" for c in actions[f"G2:G{actions.max_row}"][0] if c.value), "Actions: date format")

outcomes = book["Outcomes"]
head = [c.value for c in outcomes[1]]
orows = list(outcomes.iter_rows(min_row=2, values_only=True))
check(all(isinstance(r[head.index("Value")], (int, float)) for r in orows), f"Outcomes: {len(orows)} values are numbers")
check(all(isinstance(r[head.index("Date")], datetime.datetime) for r in orows), "Outcomes: dates are datetimes")
check(any(isinstance(r[head.index("Mean")], (int, float)) for r in orows), "Outcomes: means are numbers")
signals = sorted({r[head.index("Signal")] for r in orows if r[head.index("Signal")]})
check(any("shift" in s or "trend" in s or "outside" in s for s in signals), f"Outcomes: signals {signals}")

quotes = book["Quotes"]
qrows = list(quotes.iter_rows(min_row=2, values_only=True))
check(len(qrows) > 0 and all(isinstance(r[-1], str) and r[-1] for r in qrows), f"Quotes: {len(qrows)} quotes")

print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)
