#!/usr/bin/env python3
"""History benchmark: what reading the git history adds to a full build.

    bench/history.py [--items 10000] [--commits 1000] [--runs 3] [--dir DIR] [--out DIR] [--fresh]

1. Generates the corpus with ../shared/bench/gen_corpus.py (cairn format).
2. Commits it, then writes COMMITS more commits with `git fast-import`, each
   changing the status of three backlog items (fixed seed, fixed dates), and
   repacks as a clone would receive it (--no-repack keeps fast-import's pack).
3. Builds it RUNS times with `[history] enabled = false` and RUNS times with
   history on (cairn --release, taking turns), each mode into its own output
   folder (a rebuild; --fresh empties the folder before each build), and
   prints the medians of wall time and CPU time (user + system), the
   differences, and the peak RSS of each (/usr/bin/time).

The first build of each mode is untimed (it warms the page cache). CAIRN=path/to/cairn uses that binary instead of building one.
Needs git on PATH (the benchmark writes the history; cairn reads it
with its own reader).
"""

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
GEN = os.environ.get("GEN_CORPUS", os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py"))
if not os.path.exists(GEN):
    GEN = "/work/shared/bench/gen_corpus.py"
REPACK = True
STATUSES = ["new", "ready", "in-progress", "done", "dropped"]
ENV = dict(os.environ, GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1",
           GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="b@example.com",
           GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="b@example.com",
           GIT_AUTHOR_DATE="2026-01-01T00:00:00Z", GIT_COMMITTER_DATE="2026-01-01T00:00:00Z")


def git(portal, *args, stdin=None):
    subprocess.run(["git", *args], cwd=portal, env=ENV, check=True, input=stdin,
                   stdout=subprocess.DEVNULL)


def with_status(text, status):
    if re.search(r'^status = ".*"$', text, flags=re.M):
        return re.sub(r'^status = ".*"$', f'status = "{status}"', text, count=1, flags=re.M)
    return text.replace("+++\n", f'+++\nstatus = "{status}"\n', 1)


def write_history(portal, commits):
    backlog = []
    for folder, _, files in os.walk(os.path.join(portal, "content", "backlog")):
        backlog += [os.path.join(folder, f) for f in files if f.endswith(".md")]
    backlog.sort()
    texts = {p: open(p, encoding="utf-8").read() for p in backlog}
    rng = random.Random(22)
    out = []
    start = 1767225600  # 2026-01-01
    for n in range(commits):
        when = start + n * 3600 * 7
        out.append(f"commit refs/heads/main\ncommitter Bench <b@example.com> {when} +0000\n")
        msg = f"change {n}"
        out.append(f"data {len(msg)}\n{msg}\n")
        if n == 0:
            out.append("from refs/heads/main^0\n")
        for path in rng.sample(backlog, 3):
            texts[path] = with_status(texts[path], rng.choice(STATUSES))
            data = texts[path].encode()
            rel = os.path.relpath(path, portal)
            out.append(f"M 100644 inline {rel}\ndata {len(data)}\n")
            out.append(data.decode() + "\n")
    git(portal, "fast-import", "--quiet", stdin="".join(out).encode())
    git(portal, "reset", "-q", "--hard", "main")
    if REPACK:
        # One pack as a clone receives it (pack-objects' delta choice: newer
        # versions are the bases), not fast-import's old-to-new deltas.
        git(portal, "repack", "-a", "-d", "-f", "-q")


def timed_build(cairn, portal, out, fresh=False):
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", cairn, "build", portal, "-o", out,
                        "--force", "--today", "2026-11-22"],
                       capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if r.returncode != 0:
        sys.exit(f"build failed:\n{r.stderr}")
    rss, user, sys_ = r.stderr.strip().splitlines()[-1].split()
    return elapsed, int(rss), float(user) + float(sys_)


def set_history(portal, enabled):
    path = os.path.join(portal, "cairn.toml")
    text = open(path, encoding="utf-8").read().split("\n[history]")[0]
    if not enabled:
        text = text.rstrip("\n") + "\n[history]\nenabled = false\n"
    open(path, "w", encoding="utf-8").write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=10000)
    ap.add_argument("--commits", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dir", default="/tmp/cairn-history-bench")
    ap.add_argument("--out", help="where the two output folders go (default: DIR; /dev/shm takes the disk out)")
    ap.add_argument("--fresh", action="store_true",
                    help="build into an empty folder each time (default: rebuild over the last build of the same mode)")
    ap.add_argument("--no-repack", action="store_true",
                    help="keep fast-import's pack instead of repacking as a clone would")
    a = ap.parse_args()
    global REPACK
    REPACK = not a.no_repack
    portal = os.path.join(a.dir, f"portal-{a.items}-{a.commits}" + ("" if REPACK else "-fi"))
    if not os.path.exists(os.path.join(portal, ".git")):
        subprocess.run([sys.executable, GEN, "--items", str(a.items), "--format", "cairn", portal],
                       check=True, stdout=subprocess.DEVNULL)
        git(portal, "init", "-q", "-b", "main")
        git(portal, "add", "-A")
        git(portal, "commit", "-q", "-m", "corpus")
        t = time.perf_counter()
        write_history(portal, a.commits)
        print(f"wrote {a.commits} commits in {time.perf_counter() - t:.1f} s")
    cairn = os.environ.get("CAIRN")
    if not cairn:
        subprocess.run(["cargo", "build", "--release", "-q"], cwd=REPO, check=True)
        cairn = os.path.join(REPO, "target", "release", "cairn")
    # One output folder per mode: a rebuild over the other mode's pages
    # would rewrite every page (each shows when it last changed).
    out_dir = a.out or a.dir
    out_off, out_on = os.path.join(out_dir, "out-off"), os.path.join(out_dir, "out-on")
    set_history(portal, False)
    timed_build(cairn, portal, out_off)  # warm-up
    set_history(portal, True)
    timed_build(cairn, portal, out_on)  # warm-up
    off, on = [], []
    for _ in range(a.runs):
        set_history(portal, False)
        off.append(timed_build(cairn, portal, out_off, a.fresh))
        set_history(portal, True)
        on.append(timed_build(cairn, portal, out_on, a.fresh))
    set_history(portal, True)
    med = lambda xs, i: statistics.median(x[i] for x in xs)
    print("| items | commits | output | history off | history on | added (wall) | added (CPU) | peak RSS off | peak RSS on |")
    print("|---|---|---|---|---|---|---|---|---|")
    print(f"| {a.items} | {a.commits} | {'fresh' if a.fresh else 'rebuild'} | {med(off, 0):.3f} s | {med(on, 0):.3f} s | "
          f"{med(on, 0) - med(off, 0):+.3f} s | {med(on, 2) - med(off, 2):+.2f} s | "
          f"{med(off, 1) / 1024:.0f} MB | {med(on, 1) / 1024:.0f} MB |")


if __name__ == "__main__":
    main()
