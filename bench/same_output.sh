#!/usr/bin/env bash
# Do two cairn binaries write the same portal? The one-line check for a
# change that should not change the output (a refactor, a speed change).
#
# Usage:
#   bench/same_output.sh OLD_BINARY NEW_BINARY [PORTAL...]
#
# Builds each PORTAL (default: content-example, tests/fixtures/other, and the
# 1,000-item corpus of bench/build.sh, generated if missing) with both
# binaries, team and public, at a fixed --today, and prints `diff -r` of the
# two outputs. Exit status 0 when every pair is byte-for-byte the same.
set -uo pipefail
[[ $# -ge 2 ]] || { sed -n '2,10p' "$0" >&2; exit 2; }
old=$1 new=$2; shift 2
here=$(cd "$(dirname "$0")/.." && pwd)
bench=${BENCH_DIR:-/tmp/cairn-bench}
corpus=$bench/corpus/1000/cairn
if [[ $# -eq 0 ]]; then
  if [[ ! -d $corpus ]]; then
    python3 "${GEN_CORPUS:-$here/../shared/bench/gen_corpus.py}" \
      --items 1000 --format cairn "$corpus" >/dev/null
  fi
  set -- "$here/content-example" "$here/tests/fixtures/other" "$corpus"
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
status=0
for portal in "$@"; do
  for mode in team public; do
    flag=(); [[ $mode == public ]] && flag=(--public)
    for which in old new; do
      bin=${!which}
      "$bin" build "$portal" --output "$work/$which" --today 2026-11-22 \
        "${flag[@]}" --force 2>&1 >/dev/null | sed "s|$work/$which|OUTPUT|g" >"$work/$which.log"
    done
    mkdir -p "$work/old" "$work/new"
    if diff -r "$work/old" "$work/new" >"$work/diff" && diff "$work/old.log" "$work/new.log" >>"$work/diff"; then
      echo "same: $portal ($mode)"
    else
      echo "DIFFERENT: $portal ($mode)"; head -50 "$work/diff"; status=1
    fi
    rm -rf "$work/old" "$work/new"
  done
done
exit $status
