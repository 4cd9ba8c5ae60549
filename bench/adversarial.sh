#!/usr/bin/env bash
# Adversarial inputs: each must build in well under 2 s with bounded memory
# (issue 17, section 5). Not a timed test: run it by hand and compare.
#
# Usage:
#   bench/adversarial.sh                 # uses target/release/cairn (built if missing)
#   CAIRN=/path/to/cairn bench/adversarial.sh
#   TIMEOUT=60 bench/adversarial.sh      # stop each case after 60 s (exit 124)
#   CASES="headings references" bench/adversarial.sh
#
# Cases (each a copy of tests/fixtures/base with one document added):
#   headings     20,000 identical headings in one body
#   references   40,000 reference-style links in one body
#   private      20,000 links to a private document, `build --public`
#   broken-line  3,000 broken `@/` links on one line, human output
# For each, wall time (s), peak RSS (MiB) and bytes written to stderr.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CAIRN=${CAIRN:-$repo/target/release/cairn}
if [[ ! -x $CAIRN ]]; then
    (cd "$repo" && cargo build --release --quiet)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

front() { printf '+++\ntitle = "%s"\nlevel = "idea"\nserves = ["activation"]\n%s+++\n' "$1" "${2:-}"; }

make_case() {
    local name=$1 root=$work/$1
    cp -r "$repo/tests/fixtures/base" "$root"
    local doc=$root/content/backlog/adversarial.md
    case $name in
        headings)
            { front "Headings"; python3 -c 'print("## Same\n" * 20000)'; } >"$doc" ;;
        references)
            { front "References"
              python3 -c '
for i in range(40000): print(f"[link {i}][r{i}]")
print()
for i in range(40000): print(f"[r{i}]: https://example.com/{i}")'; } >"$doc" ;;
        private)
            front "Secret" 'private = true
' >"$root/content/backlog/secret.md"
            { front "Private links"; python3 -c 'print("[s](@/backlog/secret.md)\n" * 20000)'; } >"$doc" ;;
        broken-line)
            { front "Broken"; python3 -c 'print(" ".join(f"[b](@/backlog/nope-{i}.md)" for i in range(3000)))'; } >"$doc" ;;
    esac
}

printf '| case | wall s | peak MiB | stderr bytes | exit |\n|---|---|---|---|---|\n'
for name in ${CASES:-headings references private broken-line}; do
    make_case "$name"
    args=(build "$work/$name" -o "$work/$name-out" --today 2026-11-22)
    [[ $name == private ]] && args+=(--public)
    start=$EPOCHREALTIME
    set +e
    timeout "${TIMEOUT:-0}" /usr/bin/time -f '%M' -o "$work/rss" "$CAIRN" "${args[@]}" >/dev/null 2>"$work/stderr"
    code=$?
    set -e
    end=$EPOCHREALTIME
    wall=$(python3 -c "print(f'{$end - $start:.2f}')")
    rss=$(grep -E '^[0-9]+$' "$work/rss" 2>/dev/null | tail -n 1 || true)
    rss=$(( ${rss:-0} / 1024 ))
    printf '| %s | %s | %s | %s | %s |\n' "$name" "$wall" "$rss" "$(wc -c <"$work/stderr")" "$code"
done
