#!/usr/bin/env bash
# Build benchmark: cairn next to Hugo and Zola on the same generated text.
#
# Usage:
#   bench/build.sh                          # N = 1000 10000 50000, 3 runs each
#   SIZES="1000 10000" RUNS=5 bench/build.sh
#   SIZES=50000 RUNS=1 bench/build.sh
#
# For each N it
#   1. generates (or reuses) the corpus in the format of each tool measured
#      with ../shared/bench/gen_corpus.py (the same Markdown text for all);
#   2. builds every available tool's site RUNS times into a folder on tmpfs
#      (/dev/shm) and RUNS times into a folder on the real disk (under
#      BENCH_DIR), measuring wall time and peak RSS with /usr/bin/time;
#   3. times `cairn check`, reads cairn's per-stage times (--timings), times
#      bench/md-baseline (a bare pulldown-cmark pass over the same bodies), and
#      times `cp -a` of cairn's finished site onto the disk (the disk's floor);
# The tools take turns within each round, then the medians are printed as
# markdown tables, with peer/cairn ratios.
#
# Tools: cairn always (built here with `cargo build --release`); hugo if it is
# on PATH (Debian: `apt-get install hugo`); zola if it is on PATH or $ZOLA
# names its binary. A missing peer is reported as "not installed".
#
# Environment:
#   SIZES       item counts to run                     (1000 10000 50000)
#   RUNS        timed runs per tool, output and N; medians are reported (3)
#   BENCH_DIR   corpora, disk outputs, logs, results   (/tmp/cairn-bench)
#               must be on a real disk for the "disk" figures to mean that
#   SHM_DIR     the tmpfs folder for tmpfs outputs     (/dev/shm)
#   GEN_CORPUS  the corpus generator   (<repo>/../shared/bench/gen_corpus.py)
#   ZOLA        path of a zola binary, if it is not on PATH
#   TODAY       the --today date given to cairn        (2026-11-22)
#
# Wall time is taken with bash's EPOCHREALTIME around /usr/bin/time (ms
# resolution; /usr/bin/time's own %e has only 10 ms); peak RSS is %M. Before
# each timed run the output folder is removed and `sync` is run, outside the
# timing; the corpus is read once beforehand so every tool starts with it in
# the page cache. Nothing is fsync'ed by any tool, so "disk" times measure
# writing into the page cache of a disk file system, as a user would see it.
#
# The report (markdown) is printed and kept as $BENCH_DIR/results/<date>.md,
# the raw medians as <date>.tsv beside it; each tool's console output of its
# last run is in $BENCH_DIR/logs/.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZES=${SIZES:-1000 10000 50000}
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-/tmp/cairn-bench}
SHM_DIR=${SHM_DIR:-/dev/shm}
GEN_CORPUS=${GEN_CORPUS:-$repo/../shared/bench/gen_corpus.py}
TODAY=${TODAY:-2026-11-22}

die() { echo "bench/build.sh: $*" >&2; exit 1; }
note() { echo "== $*" >&2; }

# ---------------------------------------------------------------- prerequisites

[[ -f $GEN_CORPUS ]] || die "corpus generator not found at $GEN_CORPUS
  It lives in shared/bench/ next to the repository (a clone has shared/ beside
  it); set GEN_CORPUS=/path/to/gen_corpus.py to point elsewhere."
GEN_CORPUS=$(cd "$(dirname "$GEN_CORPUS")" && pwd)/$(basename "$GEN_CORPUS")
command -v python3 >/dev/null || die "python3 is needed to generate the corpora"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, not '$RUNS'"

if [[ ! -x /usr/bin/time ]]; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        note "installing /usr/bin/time (Debian package 'time')"
        apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
    fi
    [[ -x /usr/bin/time ]] || die "/usr/bin/time is missing: install the 'time' package"
fi
[[ -d $SHM_DIR && $(stat -f -c %T "$SHM_DIR") == tmpfs ]] || die "SHM_DIR=$SHM_DIR is not a tmpfs folder"

mkdir -p "$BENCH_DIR"/{corpus,out,logs,results}
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
disk_fs=$(stat -f -c %T "$BENCH_DIR/out")
[[ $disk_fs == tmpfs ]] && echo "warning: BENCH_DIR ($BENCH_DIR) is on tmpfs: the 'disk' figures are not from a disk" >&2
shm_out="$SHM_DIR/cairn-bench-out.$$"
mkdir -p "$shm_out"
trap 'rm -rf "$shm_out" "${cairn:-}"' EXIT

note "building cairn (release)"
(cd "$repo" && cargo build --release --quiet)
built="${CARGO_TARGET_DIR:-$repo/target}/release/cairn"
[[ -x $built ]] || die "no cairn binary at $built after cargo build"
# A copy, so that a rebuild in the repository during the run cannot swap it.
mkdir -p "$BENCH_DIR/bin"
cairn="$BENCH_DIR/bin/cairn.$$"
cp "$built" "$cairn"
cairn_sha=$(sha256sum "$cairn" | cut -c1-12)

note "building bench/md-baseline (release)"
(cd "$repo/bench/md-baseline" &&
    CARGO_TARGET_DIR="$BENCH_DIR/md-baseline-target" cargo build --release --quiet)
baseline="$BENCH_DIR/md-baseline-target/release/md-baseline"

tools=(cairn)
hugo=$(command -v hugo || true)
[[ -n $hugo ]] && tools+=(hugo)
zola=${ZOLA:-$(command -v zola || true)}
if [[ -n $zola ]]; then
    [[ -x $zola ]] || die "ZOLA=$zola is not an executable"
    tools+=(zola)
fi

version() {
    case $1 in
        cairn) echo "$("$cairn" --version) (binary sha256 $cairn_sha…)" ;;
        hugo) [[ -n $hugo ]] && "$hugo" version | sed 's/ BuildDate.*//' || echo "hugo not installed" ;;
        zola) [[ -n $zola ]] && "$zola" --version || echo "zola not installed" ;;
    esac
}

# -------------------------------------------------------------------- helpers

# median of the numbers given as arguments
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
        END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2];
              else printf "%.6g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# corpus N FORMAT: prints the corpus folder, generating it unless a folder made
# by the same generator is cached.
corpus() {
    local n=$1 fmt=$2 dir="$BENCH_DIR/corpus/$1/$2" stamp
    stamp="$(sha256sum "$GEN_CORPUS" | cut -c1-16) items=$n format=$fmt"
    if [[ ! -f $dir/.generated || $(cat "$dir/.generated") != "$stamp" ]]; then
        note "generating the $fmt corpus, N=$n"
        rm -rf "$dir" "$dir.tmp"
        python3 "$GEN_CORPUS" --items "$n" --format "$fmt" "$dir.tmp" >/dev/null
        echo "$stamp" >"$dir.tmp/.generated"
        mv "$dir.tmp" "$dir"
    fi
    echo "$dir"
}

# build_cmd TOOL SRC OUT: sets CMD to the command that builds TOOL's site
build_cmd() {
    case $1 in
        cairn) CMD=("$cairn" build "$2" -o "$3" --today "$TODAY" --timings) ;;
        hugo) CMD=("$hugo" --quiet -s "$2" -d "$3") ;;
        zola) CMD=("$zola" --root "$2" build --output-dir "$3" --force) ;;
    esac
}

# timed LOG CMD...: runs CMD once under /usr/bin/time, output to LOG; sets
# WALL (seconds) and RSS (MiB). Returns CMD's exit status.
timed() {
    local log=$1 t0 t1 status=0
    shift
    t0=$EPOCHREALTIME
    /usr/bin/time -f '%e %M' -o "$log.time" "$@" >"$log" 2>&1 || status=$?
    t1=$EPOCHREALTIME
    WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    RSS=$(awk '{ l = $0 } END { split(l, f, " "); printf "%.0f", f[2] / 1024 }' "$log.time")
    return $status
}

results="$BENCH_DIR/results/$(date -u +%Y%m%dT%H%M%SZ).tsv"
printf 'n\tmedium\ttool\twall_s\trss_mib\thtml_files\truns\n' >"$results"
declare -A S # samples, space-separated: S[n,medium,tool,wall|rss], S[n,stage,medium,name]
declare -A R # medians: R[n,medium,tool,wall|rss|html], R[n,stage,medium,name]

# one_build N MEDIUM TOOL SRC OUT: one timed build, its figures added to S.
# A peer that fails is reported and marked failed; a failing cairn stops all.
one_build() {
    local n=$1 medium=$2 tool=$3 src=$4 out=$5 log stage ms _
    log="$BENCH_DIR/logs/$tool-$n-$medium.log"
    [[ ${R[$n,$medium,$tool,wall]:-} == failed ]] && return
    rm -rf "$out"
    sync
    build_cmd "$tool" "$src" "$out"
    if ! timed "$log" "${CMD[@]}"; then
        echo "  $tool failed at N=$n ($medium); the end of $log:" >&2
        tail -n 15 "$log" >&2
        [[ $tool == cairn ]] && die "cairn build failed"
        R[$n,$medium,$tool,wall]=failed R[$n,$medium,$tool,rss]=failed
        return
    fi
    S[$n,$medium,$tool,wall]+=" $WALL" S[$n,$medium,$tool,rss]+=" $RSS"
    R[$n,$medium,$tool,html]=$(find "$out" -name '*.html' | wc -l)
    if [[ $tool == cairn ]]; then
        while read -r stage ms _; do
            S[$n,stage,$medium,$stage]+=" $ms"
        done < <(grep -E '^ +(load|resolve|render|write) +[0-9.]+ ms$' "$log")
    fi
    printf '  %-11s %-5s wall %7ss  peak %5s MiB\n' "$tool" "$medium" "$WALL" "$RSS" >&2
    rm -rf "$out"
}

# one_check N SRC: one timed `cairn check`
one_check() {
    local log="$BENCH_DIR/logs/check-$1.log"
    timed "$log" "$cairn" check "$2" --today "$TODAY" ||
        { tail -n 15 "$log" >&2; die "cairn check failed"; }
    S[$1,tmpfs,cairn-check,wall]+=" $WALL" S[$1,tmpfs,cairn-check,rss]+=" $RSS"
    printf '  %-11s %-5s wall %7ss  peak %5s MiB\n' cairn-check - "$WALL" "$RSS" >&2
}

# one_baseline N SRC THREADS: one md-baseline pass (THREADS 0 = all cores)
one_baseline() {
    local line tool
    line=$("$baseline" "$2" --threads "$3")
    tool="md-baseline-$(sed -E 's/.*threads=([0-9]+).*/\1/' <<<"$line")t"
    BASELINES[$3]=$tool
    S[$1,memory,$tool,wall]+=" $(sed -E 's/.*elapsed_ms=([0-9.]+).*/\1/' <<<"$line" | awk '{ printf "%.4f", $1 / 1000 }')"
    S[$1,memory,$tool,rss]+=" -"
    printf '  %-11s %-5s      %7ss  (%s)\n' "$tool" - "${S[$1,memory,$tool,wall]##* }" "$line" >&2
}
declare -A BASELINES # threads argument -> its tool name, e.g. 0 -> md-baseline-2t

# one_copy N SITE: times `cp -a` of a finished cairn site (on tmpfs) onto the
# disk: the floor for creating that many files there, whoever writes them.
one_copy() {
    local out="$BENCH_DIR/out/cp-$1"
    rm -rf "$out"
    sync
    timed "$BENCH_DIR/logs/cp-$1.log" cp -a "$2" "$out" || die "cp -a to $out failed"
    S[$1,disk,cp-a,wall]+=" $WALL" S[$1,disk,cp-a,rss]+=" $RSS"
    printf '  %-11s %-5s wall %7ss\n' cp-a disk "$WALL" >&2
    rm -rf "$out"
}

# finish N MEDIUM TOOL: medians of the samples into R and the results file
finish() {
    local n=$1 medium=$2 tool=$3 key
    if [[ ${R[$n,$medium,$tool,wall]:-} != failed ]]; then
        # shellcheck disable=SC2086  # splitting the sample lists is the point
        R[$n,$medium,$tool,wall]=$(median ${S[$n,$medium,$tool,wall]})
        # shellcheck disable=SC2086
        R[$n,$medium,$tool,rss]=$(median ${S[$n,$medium,$tool,rss]} | awk '{ printf ($1 ~ /^[0-9.]+$/ ? "%.0f" : "%s"), $1 }')
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$medium" "$tool" "${R[$n,$medium,$tool,wall]}" \
        "${R[$n,$medium,$tool,rss]}" "${R[$n,$medium,$tool,html]:-0}" "$RUNS" >>"$results"
    for key in "${!S[@]}"; do
        if [[ $tool == cairn && $key == "$n,stage,$medium,"* ]]; then
            # shellcheck disable=SC2086
            R[$key]=$(median ${S[$key]} | awk '{ printf "%.1f", $1 }')
        fi
    done
}

# ------------------------------------------------------------------- the runs
# The tools take turns within each round, so a slow spell of the machine (or
# another process) hits every tool rather than one: the ratios stay fair.

note "results: $results"
declare -A LOAD # LOAD[n]: the 1-minute load averages seen before each round
for n in $SIZES; do
    [[ $n =~ ^[0-9]+$ ]] || die "SIZES must be numbers, not '$n'"
    declare -A src=()
    for tool in "${tools[@]}"; do
        src[$tool]=$(corpus "$n" "$tool")
        find "${src[$tool]}" -type f -exec cat {} + >/dev/null # into the page cache
    done
    site="$shm_out/site-$n" # for one_copy
    "$cairn" build "${src[cairn]}" -o "$site" --today "$TODAY" >/dev/null 2>&1 || die "cairn build failed"
    for ((r = 1; r <= RUNS; r++)); do
        LOAD[$n]+=" $(cut -d' ' -f1 /proc/loadavg)"
        note "N=$n, round $r of $RUNS (load average${LOAD[$n]})"
        # check and the Markdown floor first: right after a build to disk
        # the kernel is still writing its files back, which slows whatever
        # runs next.
        sync
        one_check "$n" "${src[cairn]}"
        one_baseline "$n" "${src[cairn]}" 1
        one_baseline "$n" "${src[cairn]}" 0
        for medium in tmpfs disk; do
            for tool in "${tools[@]}"; do
                if [[ $medium == tmpfs ]]; then out="$shm_out/$tool-$n"; else out="$BENCH_DIR/out/$tool-$n"; fi
                one_build "$n" "$medium" "$tool" "${src[$tool]}" "$out"
            done
        done
        one_copy "$n" "$site"
    done
    for medium in tmpfs disk; do
        for tool in "${tools[@]}"; do finish "$n" "$medium" "$tool"; done
    done
    finish "$n" disk cp-a
    finish "$n" tmpfs cairn-check
    rm -rf "$site"
    for t in "${BASELINES[@]}"; do finish "$n" memory "$t"; done
done

# ----------------------------------------------------------------- the report

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.1f×", a / b; else print "–" }'; }
# by_round A B: the range of A's time over B's, round by round (A and B keys
# of S, their samples in round order), e.g. " (9.4–11.5×)"; nothing for one
# round, or when a tool failed in some round.
by_round() {
    paste -d' ' <(tr ' ' '\n' <<<"${S[$1]:-}" | sed '/^$/d') <(tr ' ' '\n' <<<"${S[$2]:-}" | sed '/^$/d') |
        awk 'NF == 2 && $1 > 0 && $2 > 0 { r = $1 / $2; if (n++ == 0 || r < lo) lo = r; if (r > hi) hi = r }
             NF != 2 { bad = 1 }
             END { if (n > 1 && !bad) printf " (%.1f–%.1f×)", lo, hi }'
}
ms() { awk -v s="$1" 'BEGIN { if (s ~ /^[0-9.]+$/) printf "%.1f", s * 1000; else print "–" }'; }
fmt_s() { awk -v s="$1" 'BEGIN { if (s !~ /^[0-9.]+$/) print s; else if (s < 10) printf "%.3f", s; else printf "%.1f", s }'; }
peers=(hugo zola)
have() { [[ " ${tools[*]} " == *" $1 "* ]]; }

report() {
echo "## cairn build benchmark, $(date -u +%Y-%m-%d)"
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), Linux $(uname -r)."
echo "Tools: $(version cairn); $(version hugo); $(version zola)."
echo "Medians of RUNS=$RUNS runs; tmpfs = $SHM_DIR, disk = $BENCH_DIR/out ($disk_fs)."
echo "1-minute load average before each round: $(for n in $SIZES; do printf 'N=%s:%s. ' "$n" "${LOAD[$n]}"; done)"
if printf '%s\n' "${LOAD[@]}" | tr ' ' '\n' | awk '$1 > 1 { busy = 1 } END { exit !busy }'; then
    echo
    echo "**The machine was busy during this run** (load average above 1 on $(nproc) cores): other"
    echo "processes shared the CPUs and the disk, so the seconds are inflated; the ratios, from"
    echo "tools taking turns in the same rounds, hold up better."
fi
for medium in tmpfs disk; do
    echo
    echo "### Full build, output on $medium"
    echo
    head="| N | cairn s | cairn MiB |"
    rule="|--:|--:|--:|"
    for p in "${peers[@]}"; do
        head+=" $p s | $p/cairn time | $p MiB | $p/cairn mem |"
        rule+="--:|--:|--:|--:|"
    done
    echo "$head"
    echo "$rule"
    for n in $SIZES; do
        row="| $n | $(fmt_s "${R[$n,$medium,cairn,wall]}") | ${R[$n,$medium,cairn,rss]} |"
        for p in "${peers[@]}"; do
            if have "$p"; then
                row+=" $(fmt_s "${R[$n,$medium,$p,wall]}") | $(ratio "${R[$n,$medium,$p,wall]}" "${R[$n,$medium,cairn,wall]}")$(by_round "$n,$medium,$p,wall" "$n,$medium,cairn,wall") |"
                row+=" ${R[$n,$medium,$p,rss]} | $(ratio "${R[$n,$medium,$p,rss]}" "${R[$n,$medium,cairn,rss]}") |"
            else
                row+=" not installed | – | – | – |"
            fi
        done
        echo "$row"
    done
done

echo
echo "### cairn check and the bare pulldown-cmark pass (bench/md-baseline)"
echo
all=${BASELINES[0]#md-baseline-}
echo "| N | cairn build s (tmpfs) | cairn check s | check MiB | md-baseline 1 thread s | build/baseline | md-baseline ${all%t} threads s | build/baseline |"
echo "|--:|--:|--:|--:|--:|--:|--:|--:|"
for n in $SIZES; do
    b=${R[$n,tmpfs,cairn,wall]}
    echo "| $n | $(fmt_s "$b") | $(fmt_s "${R[$n,tmpfs,cairn-check,wall]}") | ${R[$n,tmpfs,cairn-check,rss]} |" \
        "$(fmt_s "${R[$n,memory,${BASELINES[1]},wall]}") | $(ratio "$b" "${R[$n,memory,${BASELINES[1]},wall]}")$(by_round "$n,tmpfs,cairn,wall" "$n,memory,${BASELINES[1]},wall") |" \
        "$(fmt_s "${R[$n,memory,${BASELINES[0]},wall]}") | $(ratio "$b" "${R[$n,memory,${BASELINES[0]},wall]}")$(by_round "$n,tmpfs,cairn,wall" "$n,memory,${BASELINES[0]},wall") |"
done

echo
echo "### cairn stages (cairn build --timings, medians, ms)"
echo
echo "| N | output | load | resolve | render | write | wall | cp -a of the site |"
echo "|--:|--|--:|--:|--:|--:|--:|--:|"
for n in $SIZES; do
    for medium in tmpfs disk; do
        echo "| $n | $medium | ${R[$n,stage,$medium,load]:-?} | ${R[$n,stage,$medium,resolve]:-?} |" \
            "${R[$n,stage,$medium,render]:-?} | ${R[$n,stage,$medium,write]:-?} |" \
            "$(ms "${R[$n,$medium,cairn,wall]}") | $(ms "${R[$n,$medium,cp-a,wall]:-}") |"
    done
done
echo
echo "HTML files written (last run): $(for n in $SIZES; do
    printf 'N=%s:' "$n"
    for t in "${tools[@]}"; do printf ' %s %s' "$t" "${R[$n,tmpfs,$t,html]}"; done
    printf '. '
done)"
echo "Raw figures: $results"
}

echo
report | tee "${results%.tsv}.md"
