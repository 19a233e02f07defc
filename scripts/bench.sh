#!/bin/sh
# make bench: claimlint's throughput on one core and on all of them, against
# ripgrep running the pack's own patterns over the same files, measured in
# the same run. Figures are printed as a table and as ratios; see
# docs/performance.md for what they mean and how to read them.
# Environment: BENCH_MB (default 200) sizes the generated corpus;
# BENCH_RG_MB (default: all of it) limits the share ripgrep reads, since it
# takes minutes per hundred megabytes on these patterns.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/build/claimlint"
mb=${BENCH_MB:-200}
data="$root/bench-data"
cores=$(nproc)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -f "$data/.mb" ] || [ "$(cat "$data/.mb")" != "$mb" ]; then
    echo "== generating a ${mb} MB corpus in $data/corpus (once)"
    "$root/scripts/gen-bench-corpus.sh" "$data/corpus" "$mb"
    echo "$mb" >"$data/.mb"
fi
files=$(find "$data/corpus" -type f | wc -l)
bytes=$(find "$data/corpus" -type f -exec cat {} + | wc -c)
echo "== corpus: $files files, $bytes bytes; machine: $cores cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"

# measure LABEL COMMAND...: wall seconds and peak RSS (KiB) of one run.
measure() {
    label=$1
    shift
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || true
    set -- $(cat "$tmp/time")
    echo "$label $1 $2" >>"$tmp/results"
}

: >"$tmp/results"
measure "claimlint-j1" "$bin" -q -j1 "$data/corpus"
measure "claimlint-j$cores" "$bin" -q -j"$cores" "$data/corpus"

# ripgrep with the pack's patterns, names of groups removed (ripgrep joins
# them into one alternation). PCRE2 refuses the whole set at once ("regular
# expression is too large"), so the patterns go in the largest chunks that
# compile, one pass each: the time is their sum.
"$bin" --list-patterns | cut -f2- | sed 's/(?<[A-Za-z_][A-Za-z0-9_]*>/(?:/g' >"$tmp/patterns"
rg_files="$tmp/rgfiles"
if [ -n "${BENCH_RG_MB:-}" ]; then
    limit=$((BENCH_RG_MB * 1024 * 1024))
    find "$data/corpus" -type f | sort | while read -r f; do
        echo "$f"
        s=$(wc -c <"$f")
        limit=$((limit - s))
        [ $limit -gt 0 ] || break
    done >"$rg_files"
else
    find "$data/corpus" -type f | sort >"$rg_files"
fi
rg_bytes=$(xargs cat <"$rg_files" | wc -c)
chunk() { # FILE: run ripgrep on it, splitting it while PCRE2 finds it too large
    if xargs rg -P -o -j1 --no-filename -f "$1" <"$rg_files" >/dev/null 2>"$tmp/rgerr" ||
        ! grep -q 'too large' "$tmp/rgerr"; then
        /usr/bin/time -f "%e %M" -o "$tmp/rgtime" sh -c 'xargs rg -P -o -j1 --no-filename -f "$1" <"$2" >/dev/null 2>&1' _ "$1" "$rg_files" || true
        cat "$tmp/rgtime" >>"$tmp/rgtimes"
        echo 1 >>"$tmp/rgchunks"
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
: >"$tmp/rgtimes"
: >"$tmp/rgchunks"
echo "== ripgrep $(rg --version | head -1 | cut -d' ' -f2) -P -o -j1 over $rg_bytes bytes, in chunks of patterns"
chunk "$tmp/patterns"
awk -v b="$rg_bytes" '{ s += $1; if ($2 > m) m = $2 } END { printf "ripgrep %.2f %d %d\n", s, m, b }' "$tmp/rgtimes" >"$tmp/rg"

echo
printf '%-16s %10s %10s %10s %12s\n' run seconds files/s MB/s "peak RSS MB"
while read -r label secs rss; do
    awk -v l="$label" -v s="$secs" -v r="$rss" -v f="$files" -v b="$bytes" \
        'BEGIN { printf "%-16s %10.2f %10.0f %10.2f %12.1f\n", l, s, f / s, b / s / 1048576, r / 1024 }'
done <"$tmp/results"
read -r _ rgs rgrss rgb <"$tmp/rg"
awk -v s="$rgs" -v r="$rgrss" -v b="$rgb" 'BEGIN { printf "%-16s %10.2f %10s %10.2f %12.1f   (%d chunks)\n", "ripgrep-j1", s, "-", b / s / 1048576, r / 1024, 0 }' | sed "s/(0 chunks)/($(wc -l <"$tmp/rgchunks") pattern chunks)/"
echo
j1=$(awk '$1 == "claimlint-j1" { print $2 }' "$tmp/results")
jn=$(awk -v l="claimlint-j$cores" '$1 == l { print $2 }' "$tmp/results")
awk -v j1="$j1" -v jn="$jn" -v b="$bytes" -v rs="$rgs" -v rb="$rgb" -v c="$cores" 'BEGIN {
    printf "claimlint -j1 throughput / ripgrep -j1 throughput: %.2f (target: at least 0.5)\n", (b / j1) / (rb / rs)
    printf "claimlint -j%d speed-up over -j1: %.2f (target: at least 1.8 on 2 cores)\n", c, j1 / jn
}'
"$bin" -q -j1 --stats "$data/corpus" 2>&1 >/dev/null | sed 's/^/stats: /'
