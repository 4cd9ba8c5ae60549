#!/usr/bin/env python3
"""Adds the v2 outcome fields to a corpus made by gen_corpus.py (cairn
format), in place: numeric baselines, targets and monthly readings on every
goal, a horizon and a confidence on a third of the items, `depends_on` on a
fifth (always on an item earlier in file order, so no cycle), and one
assumption per 20 items resting on goals and items. Deterministic: the
output is a pure function of the input corpus.

usage: outcomes_corpus.py CORPUS_DIR
"""

import os
import re
import sys


def main(root):
    content = os.path.join(root, "content")
    vision = os.path.join(content, "vision.md")
    text = open(vision, encoding="utf-8").read()
    goal_ids = re.findall(r'^id = "([^"]+)"', text, flags=re.M)

    def numeric(match):
        key, value = match.group(1), match.group(2)
        number = re.sub(r"[^0-9.+-]", "", value).lstrip("+") or "0"
        return f"{key} = {number}"

    text = re.sub(r'^(baseline|target) = "([^"]*)"', numeric, text, flags=re.M)
    readings = "readings = [\n" + "".join(
        f"  {{ date = 2026-{m:02d}-28, value = {10 + m} }},\n" for m in range(1, 11)
    ) + "]\n"
    text = re.sub(r'^(id = "[^"]+"\n)', lambda m: m.group(1) + readings, text, flags=re.M)
    open(vision, "w", encoding="utf-8").write(text)

    backlog = os.path.join(content, "backlog")
    files = sorted(
        os.path.join(d, f) for d, _, fs in os.walk(backlog) for f in fs if f.endswith(".md")
    )
    ids = [os.path.basename(f)[:-3] for f in files]
    horizons = ["now", "next", "later"]
    confidences = ["high", "medium", "low"]
    for n, path in enumerate(files):
        doc = open(path, encoding="utf-8").read()
        head, sep, body = doc[4:].partition("\n+++")
        extra = []
        status = re.search(r'^status = "([^"]+)"', head, flags=re.M)
        finished = status and status.group(1) in ("done", "dropped")
        if n % 3 == 0 and not finished:
            extra.append(f'horizon = "{horizons[n % 9 // 3]}"')
            extra.append(f'confidence = "{confidences[n % 3]}"')
        if n % 5 == 0 and n > 0:
            extra.append(f'depends_on = ["{ids[n // 2]}"]')
        if extra:
            doc = "+++\n" + head.rstrip("\n") + "\n" + "\n".join(extra) + sep + body
            open(path, "w", encoding="utf-8").write(doc)

    assumptions = os.path.join(content, "assumptions")
    os.makedirs(assumptions, exist_ok=True)
    statuses = ["untested", "testing", "validated", "invalidated"]
    for a in range(max(1, len(ids) // 20)):
        under = ", ".join(f'"{ids[(a * 7 + k) % len(ids)]}"' for k in range(3))
        open(os.path.join(assumptions, f"bet-{a}.md"), "w", encoding="utf-8").write(
            "+++\n"
            f'title = "Bet number {a} holds"\n'
            f'status = "{statuses[a % 4]}"\n'
            f"importance = {1 + a % 5}\n"
            f"evidence = {1 + (a // 5) % 5}\n"
            f'serves = ["{goal_ids[a % len(goal_ids)]}"]\n'
            f"underlies = [{under}]\n"
            f'test = "Measure bet {a} for two weeks"\n'
            "+++\n\nWhat we know so far.\n"
        )


if __name__ == "__main__":
    main(sys.argv[1])
