#!/usr/bin/env bash
# Adversarial input for human diagnostics (issue 17, section 5): N broken
# `@/` links on one line of one body. Each is a diagnostic quoting that
# line; cairn quotes a window around the column, so the output grows with N,
# not with N times the line.
#
# Usage:
#   bench/long_line.sh [CAIRN_BINARY]        # N=3000 RUNS=3 by default
#
# Prints, for the median run: wall time, peak memory and bytes of stderr of
# `cairn check` (human output, no colour). The bar: under 2 s and bounded
# memory on 2 cores (it was 20 s and 311 MB of stderr).
set -euo pipefail
bin=${1:-target/release/cairn}
n=${N:-3000}
runs=${RUNS:-3}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" init "$dir/p" >/dev/null
story="$dir/p/content/backlog/guided-setup.md"
python3 - "$story" "$n" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
links = " ".join(f"[l{i}](@/backlog/nope-{i}.md)" for i in range(n))
open(path, "a").write("\n" + links + "\n")
PY
for _ in $(seq "$runs"); do
  NO_COLOR=1 /usr/bin/time -f "%e %M" -o "$dir/time" "$bin" check "$dir/p" 2>"$dir/err" || true
  echo "$(tail -1 "$dir/time") $(wc -c <"$dir/err")"
done | sort -n | sed -n "$(( (runs + 1) / 2 ))p" | {
  read -r wall rss bytes
  echo "N=$n: wall ${wall} s, peak $((rss / 1024)) MiB, stderr ${bytes} bytes"
}
