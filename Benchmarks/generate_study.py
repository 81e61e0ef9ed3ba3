#!/usr/bin/env python3
"""Seeded generator for Benchmarks/run: participants.csv, transcripts/*.txt and codings.csv in DIR.

    generate_study.py DIR PARTICIPANTS SEGMENTS_PER_TRANSCRIPT CODINGS [SEED]

Transcripts alternate Interviewer and participant turns; codings fall on participant turns with
offsets inside the turn, two coders (AB, CD), so every analysis has work to do.
"""
import os
import random
import sys

WORDS = """i you we they my our family mum dad parents grandmother brother sister home house college work job
time appointment appointments evening weekend morning afternoon phone call text video doctor gp service services
help support talk talking listen worried stress tense mind feel felt feeling people community mosque temple church
friends shame judge gossip language english urdu bengali interpreter understand culture staff nurse therapist wait
waiting list months weeks referral refer myself know knew never always sometimes really just because when then would
could should about with without there here what why how and but or so not very""".split()
CODES = ["barrier.stigma", "barrier.stigma.family", "barrier.appointment-times", "barrier.language",
         "barrier.trust", "facilitator.trusted-person", "suggestion.flexible-appointments", "context.household"]
HOUSEHOLDS = ["alone", "couple", "family", "multi"]


def main():
    folder, participants, segments, codings = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 42)
    os.makedirs(os.path.join(folder, "transcripts"), exist_ok=True)
    ids = ["P%06d" % n for n in range(1, participants + 1)]
    with open(os.path.join(folder, "participants.csv"), "w") as f:
        f.write("id,household\n")
        for pid in ids:
            f.write("%s,%s\n" % (pid, rng.choice(HOUSEHOLDS)))
    lengths = []
    for pid in ids:
        turns = []
        for t in range(segments):
            n = rng.randint(6, 14) if t % 2 == 0 else rng.randint(12, 40)
            turns.append(" ".join(rng.choice(WORDS) for _ in range(n)) + ".")
        lengths.append([len(t) for t in turns])
        with open(os.path.join(folder, "transcripts", pid + ".txt"), "w") as f:
            for t, text in enumerate(turns):
                f.write("%s: %s\n\n" % ("Interviewer" if t % 2 == 0 else pid, text))
    with open(os.path.join(folder, "codings.csv"), "w") as f:
        f.write("transcript,segment,code,coder,start,end\n")
        written = 0
        seen = set()
        while written < codings:
            p = rng.randrange(participants)
            s = 2 * rng.randrange(segments // 2) + 1  # zero-based odd turn: a participant's
            length = lengths[p][s]
            start = rng.randrange(max(1, length - 1))
            end = rng.randint(start + 1, length)
            row = (p, s, rng.choice(CODES), "AB" if rng.random() < 0.5 else "CD", start, end)
            if row in seen:
                continue
            seen.add(row)
            f.write("%s,%d,%s,%s,%d,%d\n" % (ids[p], s + 1, row[2], row[3], start, end))
            written += 1


if __name__ == "__main__":
    main()
