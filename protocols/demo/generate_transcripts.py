#!/usr/bin/env python3
"""Writes the demo transcripts and two coders' codings from participants.csv (run once; outputs are committed).

Each interview follows the shipped protocol. Answers are composed from a bank of statements written for
the Talking Change themes and chosen to fit the participant (age, household, languages), so the demo's
tallies show the study's finding: young people in multi-generational households name appointment times.
Coder AB tags each statement's span; coder CD codes fewer transcripts and disagrees realistically
(misses some statements, uses a parent or sibling code for others, tags whole turns).
"""
import csv, random

random.seed(7)
people = {r["id"]: r for r in csv.DictReader(open("participants.csv"))}
ivs = {r["id"]: r for r in csv.DictReader(open("interviewers.csv"))}
LANG = {"ur": "Urdu", "pa": "Punjabi", "bn": "Bengali", "syl": "Sylheti", "gu": "Gujarati", "hi": "Hindi", "so": "Somali",
        "ar": "Arabic", "yue": "Cantonese", "zh": "Mandarin", "en": "English", "fr": "French", "ti": "Tigrinya", "pl": "Polish"}

BANK = {
 "context.household": [
  "I live with my parents, my grandmother and my two younger brothers.",
  "It's me, my husband, the kids and my mother-in-law, so the house is always full.",
  "I live on my own in a flat since my divorce.",
  "There are seven of us at home, three generations in one house.",
  "I share a house with two friends from college.",
 ],
 "context.understanding": [
  "In our language people just say someone is tense, or that they think too much.",
  "Mental health isn't really a word people use. You're either fine or you're mad.",
  "Some of the older people think it's spiritual, something to pray about.",
 ],
 "barrier.stigma": [
  "People think if you need help with your mind you're weak.",
  "There's a lot of shame around it, you just keep it to yourself.",
  "If anyone found out you'd seen a psychiatrist, that's it, people would talk.",
 ],
 "barrier.stigma.family": [
  "My mum said we don't talk about those things outside the house.",
  "My dad thinks depression is just an excuse for being lazy.",
  "When I told my family they said I'd brought shame on them.",
 ],
 "barrier.stigma.community": [
  "Aunties talk. It would get round the whole community in a week.",
  "People worry about marriage proposals, nobody wants it known there's illness in the family.",
  "At the mosque everyone knows everyone, so you can't be seen going to those places.",
 ],
 "barrier.family-expectations": [
  "I'm the eldest, I'm supposed to hold everyone together.",
  "I look after my grandmother after college, there's no time left for me.",
  "As the daughter-in-law you put everyone else first, that's just expected.",
 ],
 "barrier.appointment-times": [
  "They only offered appointments in the day when I'm at college or at work.",
  "They ring in the afternoon and at home there's nowhere to talk without my family hearing.",
  "The phone appointment was at two o'clock, and my whole family was in the next room.",
  "I couldn't take time off work every week for a nine o'clock appointment.",
 ],
 "barrier.language": [
  "They said bring your son to translate. How can I tell my son these things?",
  "All the leaflets were in English, so my mother never knew what was there.",
  "The interpreter was on the phone and kept missing what I meant.",
 ],
 "barrier.awareness": [
  "I didn't know you could just ring them yourself, I thought you had to go through the GP.",
  "Nobody in my family had heard of talking therapies.",
  "I only found out about self-referral from a poster in the college toilets.",
 ],
 "barrier.cultural-understanding": [
  "She kept saying just move out. She didn't get it, that's not how it works for us.",
  "I had to explain my religion before we could even start.",
  "The therapist didn't understand why I couldn't just tell my parents.",
 ],
 "barrier.trust": [
  "People think if you go, social services will take your kids away.",
  "I was scared it would go on my record and my employer would find out.",
  "My uncle was sectioned years ago and nobody trusts them since.",
 ],
 "barrier.waiting": [
  "Six months on a waiting list. By then I was in A&E.",
  "I was passed from the GP to one team and then another and then nothing.",
 ],
 "facilitator.trusted-person": [
  "My cousin came with me the first time. I wouldn't have gone alone.",
  "A teacher at college noticed and helped me fill in the form.",
  "My GP was Pakistani too and she explained it in a way my dad accepted.",
 ],
 "facilitator.faith-community": [
  "The imam spoke about it at Friday prayers and people started talking.",
  "There's a women's group at the gurdwara where you can talk openly.",
  "Our church has a wellbeing café now, it feels safe.",
 ],
 "suggestion.flexible-appointments": [
  "Evening or weekend appointments would make a big difference.",
  "Let me come in on a Saturday morning instead of calling the house.",
  "Texting or a video call from the car after work would work for me.",
 ],
 "suggestion.community-outreach": [
  "Someone who speaks our language, at the community centre, who people already know.",
  "Come to the mosque or the temple and talk to people there.",
  "Put it on the local radio in our languages.",
 ],
 "suggestion.staff-training": [
  "Teach the staff about our families before they tell us what to do.",
  "Staff need training on culture and faith, not just a leaflet.",
 ],
}

QUESTIONS = [
 ("household", "Can you tell me a little about yourself and who you live with?", ["context.household"]),
 ("words", "When people in your community talk about mental health, what words do they use?", ["context.understanding", "barrier.stigma.community"]),
 ("services-known", "What do you know about the mental health services available locally?", ["barrier.awareness"]),
 ("sought-help", "Have you, or someone close to you, ever looked for help with mental health?", ["facilitator.trusted-person", "barrier.waiting"]),
 ("what-stops", "What might stop someone in your community from asking for help?", ["barrier.stigma", "barrier.stigma.family", "barrier.family-expectations", "barrier.trust"]),
 ("language", "Could you talk to a service in the language you feel most comfortable in?", ["barrier.language"]),
 ("appointment-times", "Do the times when appointments are offered suit you?", ["barrier.appointment-times"]),
 ("cultural-understanding", "Did you feel that staff understood your culture and background?", ["barrier.cultural-understanding"]),
 ("easier", "What would make it easier for you to get support?", ["suggestion.flexible-appointments", "suggestion.community-outreach", "suggestion.staff-training", "facilitator.faith-community"]),
]
FILLER = ["I'm not sure really.", "It's hard to say.", "Not much, to be honest.", "I haven't really thought about it."]
IDS = [f"TC-{n:03d}" for n in range(1, 17)]
FORMATS = {pid: ["vtt", "txt", "srt"][i % 3] for i, pid in enumerate(IDS)}

FAITH = {"mosque": {"Pakistani", "Bangladeshi", "Somali"}, "imam": {"Pakistani", "Bangladeshi", "Somali"},
         "gurdwara": {"Indian Punjabi"}, "church": {"Black Caribbean", "Black African"}, "Pakistani too": {"Pakistani"},
         "temple": {"Indian Gujarati", "Indian Punjabi", "Chinese"}}

def fits(sentence, community):
    return all(community in allowed for word, allowed in FAITH.items() if word in sentence)

def answer(themes, p):
    young = p["age_band"] in ("18-24", "25-34")
    multi = p["household"] == "multi-generational"
    first = p["languages"].split(";")[0]
    chosen = []
    for theme in themes:
        prob = 0.45
        if theme == "barrier.appointment-times": prob = 0.9 if (young and multi) else 0.3
        if theme == "barrier.language": prob = 0.75 if first != "en" else 0.1
        if theme == "context.household": prob = 1.0
        if theme.startswith("barrier.stigma"): prob = 0.6
        if random.random() < prob:
            options = [o for o in BANK[theme] if fits(o, p["community"])]
            if not options:
                continue
            if theme == "context.household":
                options = [o for o in options if ("three generations" in o or "grandmother" in o or "mother-in-law" in o) == multi] or options
            chosen.append((theme, random.choice(options)))
    if not chosen:
        return [(None, random.choice(FILLER))]
    return chosen

# (participant, segment, code, start, end) for coder AB; CD derived with disagreement.
codings = []
interviews = []
for pid in IDS:
    p = people[pid]
    iv = ivs[{"Pakistani": "IV01", "Bangladeshi": "IV02", "Indian Gujarati": "IV03", "Indian Punjabi": "IV03", "Somali": "IV04",
              "Black Caribbean": "IV05", "Chinese": "IV06", "Black African": "IV07"}.get(p["community"], "IV05")]
    first = p["languages"].split(";")[0]
    held_in = first if first in iv["languages"].split(";") else "en"
    interviews.append(dict(interview=pid, interviewer=iv["id"], protocol="talking-change@2", date=f"2023-03-{10 + IDS.index(pid):02d}",
                           language=held_in, mode=random.choice(["in-person", "in-person", "video", "phone"])))
    turns = []
    for qid, text, themes in QUESTIONS:
        turns.append(("I", text, []))
        parts = answer(themes, p)
        body = ""
        spans = []
        for theme, sentence in parts:
            if body: body += " "
            start = len(body)
            body += sentence
            if theme: spans.append((theme, start, len(body)))
        turns.append(("P", body, spans))
    turns.append(("I", "Is there anything else you would like to tell us?", []))
    turns.append(("P", "No, I think that's everything. Thank you for listening.", []))
    for number, (who, text, spans) in enumerate(turns, start=1):
        for theme, s, e in spans:
            codings.append((pid, number, theme, s, e, text))

    fmt = FORMATS[pid]
    name = iv["name"]
    header_lang = f"Interview held in {LANG[held_in]}" + ("; English translation by the interviewer." if held_in != "en" else ".")
    t = 0
    def stamp(sec, sep="."):
        return f"{sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d}{sep}{random.randint(0, 999):03d}"
    if fmt == "txt":
        out = [f"Talking Change interview {pid}", header_lang, "Transcribed by the study team.", ""]
        for who, text, _ in turns:
            label = "Interviewer" if who == "I" else pid
            words = text.split(" ")
            if who == "P" and len(words) > 24:
                cut = len(words) // 2
                # A line break in place of the space keeps every coding offset exact.
                text = " ".join(words[:cut]) + "\n" + " ".join(words[cut:])
            out.append(f"[{t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d}] {label}: {text}")
            out.append("")
            t += 20 + len(words) // 2
        open(f"transcripts/{pid}.txt", "w").write("\n".join(out))
    elif fmt == "vtt":
        out = ["WEBVTT", "", f"NOTE {header_lang}", "", "NOTE Exported from Microsoft Teams; names replaced by the study team.", ""]
        for who, text, _ in turns:
            speaker = name if who == "I" else pid
            words = text.split(" ")
            chunks = [words[i:i + 14] for i in range(0, len(words), 14)]
            for chunk in chunks:
                dur = 2 + len(chunk) // 3
                out.append(f"{random.randrange(16**8):08x}-{random.randrange(16**4):04x}/{random.randint(10, 99)}-0")
                out.append(f"{stamp(t)} --> {stamp(t + dur)}" + (" align:start position:10%" if random.random() < 0.2 else ""))
                out.append(f"<v {speaker}>{' '.join(chunk)}</v>")
                out.append("")
                t += dur
        open(f"transcripts/{pid}.vtt", "w").write("\n".join(out))
    else:
        out = []
        n = 1
        for who, text, _ in turns:
            label = "Interviewer" if who == "I" else "Participant"
            words = text.split(" ")
            chunks = [words[i:i + 12] for i in range(0, len(words), 12)]
            for k, chunk in enumerate(chunks):
                dur = 2 + len(chunk) // 3
                out += [str(n), f"{stamp(t, ',')} --> {stamp(t + dur, ',')}", (f"{label}: " if k == 0 else "") + " ".join(chunk), ""]
                n += 1
                t += dur
        open(f"transcripts/{pid}.srt", "w", newline="").write("\r\n".join(out))

with open("interviews.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["interview", "interviewer", "protocol", "date", "language", "mode"], lineterminator="\n")
    w.writeheader(); w.writerows(interviews)

SIBLING = {"barrier.stigma.family": "barrier.stigma.community", "barrier.stigma.community": "barrier.stigma",
           "barrier.family-expectations": "barrier.stigma.family", "barrier.trust": "barrier.cultural-understanding",
           "suggestion.community-outreach": "facilitator.faith-community"}
def write(name, coder, rows, covered):
    with open(name, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["transcript", "segment", "code", "coder", "start", "end", "memo"])
        for r in rows: w.writerow(r)
        for pid in covered:
            if not any(r[0] == pid for r in rows): w.writerow([pid, 1, "", coder, "", "", ""])
ab = [(pid, seg, code, "AB", s, e, "") for pid, seg, code, s, e, _ in codings]
cd_covered = IDS[:14]
cd = []
for pid, seg, code, s, e, text in codings:
    if pid not in cd_covered: continue
    r = random.random()
    if r < 0.10: continue                                   # missed
    if r < 0.17 and code in SIBLING: code = SIBLING[code]   # a neighbouring code
    if random.random() < 0.3: s, e = 0, len(text)           # whole turn rather than the sentence
    cd.append((pid, seg, code, "CD", s, e, ""))
    if random.random() < 0.04: cd.append((pid, seg, "barrier.trust", "CD", 0, len(text), "reads as distrust too"))
write("codings-AB.csv", "AB", ab, IDS)
write("codings-CD.csv", "CD", cd, cd_covered)
print(len(ab), "AB codings;", len(cd), "CD codings")
