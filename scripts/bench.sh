#!/bin/sh
# make bench: claimlint's throughput on one core and on all of them, against
# ripgrep running the pack's own patterns over the same files, measured in
# the same run. Figures are printed as a table and as ratios; see
# docs/performance.md for what they mean and how to read them.
#
# Environment:
#   BENCH_MB      size of the generated corpus in MB (default 200)
#   BENCH_RUNS    runs of each claimlint measurement; the median is shown (default 3)
#   BENCH_RG_MB   time ripgrep on a deterministic subset of this many MB (the
#                 first files in path order, which cycle through every source
#                 article) instead of all of it: ripgrep takes minutes per
#                 ten megabytes on these patterns. Throughputs are compared in MB/s.
#   BENCH_RG_RUNS runs of the ripgrep measurement (default 1)
#   BENCH_RSS_MB  also run claimlint -j1 on a corpus of this many MB (default
#                 50; 0: skip) to show that peak RSS does not grow with the corpus
#   BENCH_DATA    where corpora are generated (default bench-data/ of the checkout)
#   BENCH_STORE   1 (default): also measure the bytes per claim kept for
#                 comparisons across files (scripts/bench-store.sh); 0: skip
#
# Wall time is what a user waits; CPU time (user + system) is what the run
# cost, and it is the steadier figure on a machine other jobs are loading:
# the table shows both, and the load average before each run.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/build/claimlint"
mb=${BENCH_MB:-200}
runs=${BENCH_RUNS:-3}
rg_runs=${BENCH_RG_RUNS:-1}
rss_mb=${BENCH_RSS_MB:-50}
data=${BENCH_DATA:-"$root/bench-data"}
cores=$(nproc)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for tool in rg /usr/bin/time; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench.sh: $tool is missing (scripts/install-deps.sh bench)" >&2; exit 2; }
done
[ -x "$bin" ] || { echo "bench.sh: $bin is missing (make)" >&2; exit 2; }

# corpus MB: the directory of a generated corpus of MB megabytes (made once).
corpus() {
    dir="$data/corpus-$1"
    if [ ! -f "$dir.done" ]; then
        echo "== generating a $1 MB corpus in $dir (once)" >&2
        "$root/scripts/gen-bench-corpus.sh" "$dir" "$1" >&2
        touch "$dir.done"
    fi
    echo "$dir"
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

# measure LABEL COMMAND...: wall seconds, CPU seconds and peak RSS (KiB) of
# one run, appended to $tmp/runs as "LABEL WALL CPU RSS LOAD1".
measure() {
    label=$1
    shift
    l=$(load)
    /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || true
    # GNU time writes "Command exited with non-zero status N" first when the
    # command fails (claimlint exits 1 on findings): the figures are the last line.
    set -- $(tail -n 1 "$tmp/time")
    cpu=$(awk -v u="$2" -v s="$3" 'BEGIN { printf "%.2f", u + s }')
    echo "$label $1 $cpu $4 ${l%% *}" >>"$tmp/runs"
    printf '   %-14s wall %7.2f s  cpu %7.2f s  peak RSS %7.1f MB  (load before: %s)\n' "$label" "$1" "$cpu" \
        "$(awk -v r="$4" 'BEGIN { print r / 1024 }')" "$l"
}

# median LABEL FIELD: the median of a field (2 wall, 3 cpu, 4 rss, 5 load) over a label's runs.
median() {
    awk -v l="$1" -v f="$2" '$1 == l { v[n++] = $f } END {
        for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
        if (n == 0) print 0; else if (n % 2) print v[int(n / 2)]; else print (v[n / 2 - 1] + v[n / 2]) / 2 }' "$tmp/runs"
}

dir=$(corpus "$mb")
files=$(find "$dir" -type f | wc -l)
bytes=$(find "$dir" -type f -exec cat {} + | wc -c)
cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
echo "== corpus: $files files, $bytes bytes in $dir"
echo "== machine: $cores cores ($cpu_model), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr); load average now: $(load)"
echo "== claimlint $("$bin" --version | cut -d' ' -f2), $runs runs each, files read once before to warm the page cache"
find "$dir" -type f -exec cat {} + >/dev/null

: >"$tmp/runs"
jobs_list="1 2"
[ "$cores" -gt 2 ] && jobs_list="$jobs_list $cores"
r=1
while [ $r -le "$runs" ]; do
    for j in $jobs_list; do
        measure "claimlint-j$j" "$bin" -q -j"$j" "$dir"
    done
    r=$((r + 1))
done

# ripgrep with the pack's patterns, names of groups removed (ripgrep joins
# them into one alternation). PCRE2 refuses the whole set at once ("regular
# expression is too large"), so the patterns go in the largest chunks that
# compile, one pass each over the files: the time is their sum.
"$bin" --list-patterns | cut -f2- | sed 's/(?<[A-Za-z_][A-Za-z0-9_]*>/(?:/g' >"$tmp/patterns"
rg_files="$tmp/rgfiles"
find "$dir" -type f | sort >"$tmp/all"
if [ -n "${BENCH_RG_MB:-}" ]; then
    limit=$((BENCH_RG_MB * 1048576))
    # The first files in path order up to the limit (sizes summed in one pass).
    tr '\n' '\0' <"$tmp/all" | xargs -0 stat -c '%s %n' 2>/dev/null | awk -v lim="$limit" '
        { s += $1; sub(/^[0-9]+ /, ""); print; if (s >= lim) exit }' >"$rg_files"
else
    cp "$tmp/all" "$rg_files"
fi
rg_nfiles=$(wc -l <"$rg_files")
rg_bytes=$(tr '\n' '\0' <"$rg_files" | xargs -0 cat | wc -c)

# Split the patterns into the largest chunks PCRE2 accepts (tested on one file).
probe=$(head -n 1 "$rg_files")
chunk() {
    if rg -P -o -j1 --no-filename -f "$1" "$probe" >/dev/null 2>"$tmp/rgerr" || ! grep -q 'too large' "$tmp/rgerr"; then
        echo "$1" >>"$tmp/chunks"
        return
    fi
    n=$(wc -l <"$1")
    if [ "$n" -le 1 ]; then
        echo "   (a pattern ripgrep cannot compile on its own: skipped)"
        return
    fi
    head -n $((n / 2)) "$1" >"$1.a"
    tail -n +$((n / 2 + 1)) "$1" >"$1.b"
    chunk "$1.a"
    chunk "$1.b"
}
: >"$tmp/chunks"
chunk "$tmp/patterns"
n_chunks=$(wc -l <"$tmp/chunks")
subset_note=""
[ -n "${BENCH_RG_MB:-}" ] && subset_note=" (a deterministic subset: BENCH_RG_MB=$BENCH_RG_MB)"
echo "== ripgrep $(rg --version | sed -n 1p | cut -d' ' -f2) -P -o -j1: $(wc -l <"$tmp/patterns") patterns in $n_chunks chunks, $rg_nfiles files, $rg_bytes bytes$subset_note"
r=1
while [ $r -le "$rg_runs" ]; do
    l=$(load)
    wall=0 cpu=0 rss=0
    while read -r c; do
        /usr/bin/time -f "%e %U %S %M" -o "$tmp/rgtime" sh -c 'tr "\n" "\0" <"$2" | xargs -0 rg -P -o -j1 --no-filename -f "$1" >/dev/null 2>&1' _ "$c" "$rg_files" || true
        set -- $(tail -n 1 "$tmp/rgtime")
        wall=$(awk -v a="$wall" -v b="$1" 'BEGIN { print a + b }')
        cpu=$(awk -v a="$cpu" -v u="$2" -v s="$3" 'BEGIN { print a + u + s }')
        rss=$(awk -v a="$rss" -v b="$4" 'BEGIN { print (b > a ? b : a) }')
    done <"$tmp/chunks"
    echo "ripgrep-j1 $wall $cpu $rss ${l%% *}" >>"$tmp/runs"
    printf '   %-14s wall %7.2f s  cpu %7.2f s  peak RSS %7.1f MB  (load before: %s)\n' ripgrep-j1 "$wall" "$cpu" \
        "$(awk -v r="$rss" 'BEGIN { print r / 1024 }')" "$l"
    r=$((r + 1))
done

# Peak RSS against the size of the corpus.
if [ "$rss_mb" != 0 ] && [ "$rss_mb" != "$mb" ]; then
    small=$(corpus "$rss_mb")
    echo "== peak RSS on a $rss_mb MB corpus, for comparison"
    measure "rss-${rss_mb}MB-j1" "$bin" -q -j1 "$small"
    "$bin" -q -j1 --stats "$small" 2>&1 >/dev/null | sed 's/^/   /'
fi
echo "== --stats of one -j1 run over the $mb MB corpus"
"$bin" -q -j1 --stats "$dir" 2>"$tmp/stats" >/dev/null || true
sed 's/^/   /' "$tmp/stats"

echo
echo "Medians over the runs (MB = 2^20 bytes; CPU = user + system):"
printf '%-14s %9s %9s %9s %9s %9s %11s %9s\n' run "wall s" "cpu s" files/s "MB/s" "MB/cpu-s" "peak RSS MB" load
for label in $(for j in $jobs_list; do echo "claimlint-j$j"; done) ripgrep-j1; do
    if [ "$label" = ripgrep-j1 ]; then f=$rg_nfiles b=$rg_bytes; else f=$files b=$bytes; fi
    awk -v l="$label" -v w="$(median "$label" 2)" -v c="$(median "$label" 3)" -v r="$(median "$label" 4)" \
        -v ld="$(median "$label" 5)" -v f="$f" -v b="$b" 'BEGIN {
        printf "%-14s %9.2f %9.2f %9.0f %9.2f %9.2f %11.1f %9.2f\n", l, w, c, f / w, b / w / 1048576, b / c / 1048576, r / 1024, ld }'
done
j1w=$(median claimlint-j1 2) j1c=$(median claimlint-j1 3) j2w=$(median claimlint-j2 2)
rgw=$(median ripgrep-j1 2) rgc=$(median ripgrep-j1 3)
echo
awk -v b="$bytes" -v rb="$rg_bytes" -v j1w="$j1w" -v j1c="$j1c" -v j2w="$j2w" -v rgw="$rgw" -v rgc="$rgc" \
    -v note="$subset_note" 'BEGIN {
    printf "claimlint -j1 / ripgrep -j1 throughput, wall: %.2f; CPU: %.2f (target: at least 0.5)%s\n", (b / j1w) / (rb / rgw), (b / j1c) / (rb / rgc), note
    printf "claimlint -j2 speed-up over -j1, wall: %.2f (target: at least 1.8 on 2 idle cores)\n", j1w / j2w
}'
awk -v a="$j1c" -v b="$(median claimlint-j2 3)" 'BEGIN {
    printf "CPU time of -j2 over -j1: %.2f (1.00: the threads add no work)\n", b / a }'
if [ "${BENCH_STORE:-1}" != 0 ]; then
    echo "== bytes per claim kept for comparisons across files (scripts/bench-store.sh)"
    "$root/scripts/bench-store.sh" | sed 's/^/   /'
fi
if [ "$rss_mb" != 0 ] && [ "$rss_mb" != "$mb" ]; then
    awk -v a="$(median "rss-${rss_mb}MB-j1" 4)" -v b="$(median claimlint-j1 4)" -v s="$rss_mb" -v m="$mb" 'BEGIN {
        printf "peak RSS of -j1: %.1f MB on %d MB, %.1f MB on %d MB\n", a / 1024, s, b / 1024, m }'
fi
