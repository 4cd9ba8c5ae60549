#!/usr/bin/env bash
# Public-build benchmark: what the leak scan costs. The same portal is built
# for the team and with --public, RUNS times each in turn, into tmpfs; the
# medians of wall time, CPU time (user + system) and peak RSS are printed.
#
# Usage:
#   bench/public.sh                   # N = 10000 items, 500 private, 5 runs
#   N=50000 PRIVATE=2000 RUNS=3 bench/public.sh
#
# The corpus is made by ../shared/bench/gen_corpus.py, then adjusted so that
# a public build is sound: the generator writes the same sentences into many
# documents, and a private document (or a stakeholder's notes, motivations
# and risks) whose sentence a public page also holds is a leak the build
# rightly refuses. So stakeholders lose those fields, and PRIVATE private
# stories with text of their own are added under one MMF. A public build
# then scans every output file for about 3 x PRIVATE private texts.
#
# Measured on the shared 2-core dev machine (load average ~10, so wall
# times are noisy; CPU is user + system), N=10000, 500 private, medians of 5:
#   team build                                   0.99 s CPU, 126 MB
#   public build, this scan                      1.17 s CPU, 147 MB
#   public build, the earlier raw-byte scan      ~1.0 s CPU (no normalizing)
# The public build renders 500 pages fewer and scans 119 MB of output for
# ~1,000 private texts. In a profile, normalizing (text and tags set apart
# in one pass) is ~10% of the samples and the Aho-Corasick search ~1%.
#
# Environment: N, PRIVATE, RUNS, BENCH_DIR (/tmp/cairn-bench), SHM_DIR
# (/dev/shm), GEN_CORPUS, TODAY (2026-11-22).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${N:-10000}
PRIVATE=${PRIVATE:-500}
RUNS=${RUNS:-5}
BENCH_DIR=${BENCH_DIR:-/tmp/cairn-bench}
SHM_DIR=${SHM_DIR:-/dev/shm}
GEN_CORPUS=${GEN_CORPUS:-$repo/../shared/bench/gen_corpus.py}
TODAY=${TODAY:-2026-11-22}

die() { echo "bench/public.sh: $*" >&2; exit 1; }
[[ -f $GEN_CORPUS ]] || die "corpus generator not found at $GEN_CORPUS (set GEN_CORPUS)"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing: install the 'time' package"

corpus="$BENCH_DIR/public-$N-$PRIVATE"
out="$SHM_DIR/cairn-public-bench.$$"
trap 'rm -rf "$out"' EXIT

(cd "$repo" && cargo build --release --quiet)
cairn="${CARGO_TARGET_DIR:-$repo/target}/release/cairn"

if [[ ! -d $corpus ]]; then
    python3 "$GEN_CORPUS" --items "$N" --format cairn --seed 1 "$corpus" >/dev/null
    find "$corpus/content/stakeholders" -name '*.md' -print0 | while IFS= read -r -d '' f; do
        awk '/^(motivations|risks) = /{next} {print} /^\+\+\+$/{if (++n == 2) exit}' "$f" >"$f.tmp"
        mv "$f.tmp" "$f"
    done
    # (`head` closes the pipe early; that is no failure.)
    mmf=$(grep -rl '^level = "mmf"' "$corpus/content/backlog" | sort | head -1 || true)
    mmf=$(basename "$mmf" .md)
    mkdir -p "$corpus/content/backlog/private"
    for i in $(seq 1 "$PRIVATE"); do
        printf '+++\ntitle = "Confidential pivot zq%d for the acquirer"\nlevel = "story"\nparent = "%s"\nprivate = true\n+++\nThe acquirer number zq%d wants the onboarding team folded into support by spring.\n\nSecond paragraph zq%d holds the price we would accept for the whole thing.\n' \
            "$i" "$mmf" "$i" "$i" >"$corpus/content/backlog/private/secret-$i.md"
    done
fi

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A wall cpu rss
for run in $(seq 1 "$RUNS"); do
    for mode in team public; do
        flag=(); [[ $mode == public ]] && flag=(--public)
        rm -rf "$out"
        stats=$(/usr/bin/time -f '%e %U %S %M' "$cairn" build "$corpus" "${flag[@]}" --today "$TODAY" -o "$out" 2>&1 >/dev/null | tail -1)
        [[ -f $out/index.html ]] || die "the $mode build failed: $stats"
        read -r e u s m <<<"$stats"
        wall[$mode]+=" $e"; cpu[$mode]+=" $(echo "$u + $s" | bc)"; rss[$mode]+=" $m"
    done
done

echo "| build (N=$N, $PRIVATE private) | wall s | CPU s | peak RSS MB |"
echo "|---|---|---|---|"
for mode in team public; do
    # shellcheck disable=SC2086
    echo "| $mode | $(median ${wall[$mode]}) | $(median ${cpu[$mode]}) | $(( $(median ${rss[$mode]}) / 1024 )) |"
done
