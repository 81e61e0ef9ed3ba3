"""Makes interop fixtures with real tools (called by Benchmarks/refi_interop.sh).

- taguette-codebook.qdc: Taguette's own REFI codebook writer (taguette.export.codebook_xml, from the
  taguette package on PyPI) run on a list of tags, as its "Export codebook > QDC" menu does.
- *.txt transcripts written here, then turned into Word by LibreOffice (soffice --convert-to docx).
"""
import collections
import pathlib
import sys

out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)

try:
    from taguette import export
except ImportError as error:  # the shell script says so
    print(f"taguette not importable: {error}")
else:
    Tag = collections.namedtuple("Tag", "path description")
    tags = [
        Tag("HBM 4. Perceived Barriers – Észlelt akadályok", ""),
        Tag("barrier.stigma", "Fear of being judged"),
        Tag("Cost", ""),
        Tag("cost", ""),
        Tag("Family support (informal)", ""),
    ]
    export.codebook_xml(tags, str(out / "taguette-codebook.qdc"))
    print("wrote", out / "taguette-codebook.qdc")

(out / "word-plain.txt").write_text(
    "Interview TC-001, 14 March 2024\n"
    "\n"
    "Interviewer: Thank you for joining. How did you first hear about the clinic?\n"
    "TC-001: My GP mentioned it.\tI wasn't sure at first.\n"
    "It took a while to decide.\n"
    "Interviewer: What made you decide?\n"
    "TC-001: Seeing my neighbour do it — she said it was fine.\n",
    encoding="utf-8",
)
(out / "word-teams.txt").write_text(
    "Diabetes clinic interview\n"
    "14 March 2024, 10:02AM\n"
    "32m 5s\n"
    "\n"
    "Amira Khan   0:03\n"
    "Thank you for joining. How did you first hear about the clinic?\n"
    "\n"
    "Jo Bloggs   0:12\n"
    "My GP mentioned it. I wasn't sure at first, it's a long way.\n"
    "\n"
    "Amira Khan   1:04\n"
    "What made you decide?\n"
    "\n"
    "Jo Bloggs   1:09\n"
    "Seeing my neighbour do it. She said the staff were kind.\n",
    encoding="utf-8",
)
(out / "word-teams-time-first.txt").write_text(
    "0:0:3.120 --> 0:0:8.450\n"
    "Amira Khan\n"
    "Thank you for joining. How did you first hear about the clinic?\n"
    "\n"
    "0:0:12.0 --> 0:0:20.300\n"
    "Jo Bloggs\n"
    "My GP mentioned it. I wasn't sure at first.\n"
    "\n"
    "0:1:4.0 --> 0:1:6.0\n"
    "Amira Khan\n"
    "What made you decide?\n",
    encoding="utf-8",
)
(out / "word-table.html").write_text(
    "<html><body><p>Interview TC-002</p><table border='1'>"
    "<tr><td>Interviewer</td><td>How do you get to appointments?</td></tr>"
    "<tr><td>TC-002</td><td>By bus, two changes.</td></tr></table></body></html>",
    encoding="utf-8",
)
