#!/usr/bin/env bash
# Two cairn binaries taking turns: the way to tell whether a change made a
# build faster on a machine whose speed drifts between runs.
#
# Usage:
#   bench/ab.sh OLD_BINARY NEW_BINARY [PORTAL]     # RUNS=11 by default
#
# Each round builds PORTAL (default: the 10,000-item corpus of
# bench/build.sh) once with each binary into a tmpfs folder, so that a slow
# spell falls on both; then the medians of wall, user and system time and
# of peak memory are printed, one line per binary. FRESH=1 removes the
# output folder before every build (a first build); by default each build
# replaces the previous one (a rebuild, comparing files before writing).
# HUGO=1 adds a Hugo build of the same corpus (`hugo` on PATH, the corpus's
# hugo format beside PORTAL) to every round and prints each binary's ratio
# to it: the "paired with a peer in one run" figure.
set -euo pipefail
[[ $# -ge 2 ]] || { sed -n '2,11p' "$0" >&2; exit 2; }
old=$1 new=$2
portal=${3:-${BENCH_DIR:-/tmp/cairn-bench}/corpus/10000/cairn}
runs=${RUNS:-11}
today=${TODAY:-2026-11-22}
shm=${SHM_DIR:-/dev/shm}
for _ in $(seq "$runs"); do
  for which in old new; do
    bin=${!which}
    [[ ${FRESH:-0} == 1 ]] && rm -rf "$shm/cairn-ab-$which"
    /usr/bin/time -f "$which %e %U %S %M" "$bin" build "$portal" \
      --output "$shm/cairn-ab-$which" --today "$today" --force 2>&1 >/dev/null | tail -1
  done
  if [[ ${HUGO:-0} == 1 ]]; then
    rm -rf "$shm/cairn-ab-hugo"
    /usr/bin/time -f "hugo %e %U %S %M" hugo --quiet -s "$portal/../hugo" \
      -d "$shm/cairn-ab-hugo" 2>&1 >/dev/null | tail -1
  fi
done | python3 -c '
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in sys.stdin:
    which, *figures = line.split()
    runs[which].append([float(f) for f in figures])
m = statistics.median
for which in [w for w in ("old", "new", "hugo") if w in runs]:
    wall, user, system, rss = zip(*runs[which])
    ratio = ""
    if "hugo" in runs and which != "hugo":
        hugo_wall = m([r[0] for r in runs["hugo"]])
        ratio = f"  hugo/{which} {hugo_wall / m(wall):.2f}x"
    print(f"{which}: wall {m(wall):.3f} s (min {min(wall):.3f})  user {m(user):.3f} s"
          f"  system {m(system):.3f} s  peak {m(rss) / 1024:.0f} MiB{ratio}")
'
rm -rf "$shm/cairn-ab-old" "$shm/cairn-ab-new" "$shm/cairn-ab-hugo"
