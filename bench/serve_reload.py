#!/usr/bin/env python3
"""Time `cairn serve` from a saved edit to the reload event.

    bench/serve_reload.py CAIRN_BINARY PORTAL [--runs 15]

PORTAL is edited (use a copy, e.g. a generated corpus). Three edits are
timed: one story's title (its page, parent, goals, board and stakeholders
list it), a goal's title in vision.md (which touches thousands of pages),
and moving the story to another parent (a reference changes, so the whole
portal is resolved again rather than patched). After each reload the pages
that show the story are fetched and checked, so a fast but stale reload
does not count. Standard library only.
"""
import argparse
import glob
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
import http.client
import json
import queue


def start(binary, portal):
    proc = subprocess.Popen([binary, "serve", portal, "--port", "0", "--today", "2026-11-22"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    for line in proc.stderr:
        m = re.search(r"http://(\S+?)(/\S*)", line)
        if m:
            threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
            return proc, m.group(1), m.group(2)
    raise SystemExit("cairn serve printed no URL")


def events(host, prefix, out):
    conn = http.client.HTTPConnection(host)
    conn.request("GET", prefix + "__cairn/events")
    resp = conn.getresponse()
    while True:
        line = resp.fp.readline()
        if not line:
            return
        if line.startswith(b"data: "):
            out.put((time.perf_counter(), json.loads(line[6:])))


def get(host, path):
    with urllib.request.urlopen(f"http://{host}{path}") as r:
        return r.read().decode()


def wait_generation(q, above):
    while True:
        t, event = q.get(timeout=30)
        if event["errors"]:
            raise SystemExit("the edit produced errors: " + event["errors"][:500])
        if event["generation"] > above:
            return t, event["generation"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("portal")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    stories = sorted(p for p in glob.glob(os.path.join(args.portal, "content/backlog/**/*.md"), recursive=True)
                     if 'level = "story"' in open(p).read())
    story = stories[len(stories) // 2]
    story_id = os.path.basename(story)[:-3]
    text = open(story).read()
    parent = re.search(r'^parent = "([^"]+)"', text, re.M).group(1)
    story_title = re.search(r'^title = "([^"]+)"', text, re.M).group(1)
    mmfs = sorted(os.path.basename(p)[:-3]
                  for p in glob.glob(os.path.join(args.portal, "content/backlog/**/*.md"), recursive=True)
                  if 'level = "mmf"' in open(p).read())
    other = next(m for m in mmfs if m != parent)
    parents = [other, parent]
    vision = os.path.join(args.portal, "content/vision.md")
    vision_text = open(vision).read()
    goal_title = re.search(r'\[\[goals\]\]\s*id = "[^"]+"\s*title = "([^"]+)"', vision_text).group(1)

    proc, host, prefix = start(args.binary, args.portal)
    try:
        q = queue.Queue()
        threading.Thread(target=events, args=(host, prefix, q), daemon=True).start()
        _, first = q.get(timeout=60)
        generation = first["generation"]
        # Warm the pages that list the story, as an author's open tabs would.
        for page in [f"backlog/{story_id}.html", f"backlog/{parent}.html", "board.html"]:
            get(host, prefix + page)
        results = {}
        for name, path, original, edit in [
            ("story title", story, text, lambda i: text.replace('title = "', f'title = "Edited {i} ', 1)),
            ("goal title", vision, vision_text, lambda i: vision_text.replace(f'title = "{goal_title}"', f'title = "{goal_title} {i}"', 1)),
            ("story parent", story, text, lambda i: text.replace(f'parent = "{parent}"', f'parent = "{parents[i % 2]}"', 1)),
        ]:
            times = []
            for i in range(args.runs):
                time.sleep(0.3)
                before = time.perf_counter()
                with open(path, "w") as f:
                    f.write(edit(i))
                t, generation = wait_generation(q, generation)
                times.append((t - before) * 1000)
                if name == "story title":
                    for page in [f"backlog/{story_id}.html", f"backlog/{parent}.html", "board.html"]:
                        if f"Edited {i} " not in get(host, prefix + page):
                            raise SystemExit(f"{page} is stale after the reload event")
                if name == "story parent":
                    page = f"backlog/{parents[i % 2]}.html"
                    if story_title not in get(host, prefix + page):
                        raise SystemExit(f"{page} does not list the story after the reload event")
            with open(path, "w") as f:
                f.write(original)
            wait_generation(q, generation)
            generation += 1
            results[name] = times
        for name, times in results.items():
            print(f"{name}: median {statistics.median(times):.1f} ms, min {min(times):.1f}, max {max(times):.1f} over {len(times)} saves")
    finally:
        proc.terminate()


if __name__ == "__main__":
    main()
