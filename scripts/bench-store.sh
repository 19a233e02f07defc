#!/bin/sh
# The memory of the claims kept for comparisons across files, measured: a
# generated corpus in which every claim has a date of its own (the worst
# case: the store keeps at most two claims per fact, date and unit, so here
# it keeps two per claim), checked with and without --no-cross. The
# difference in peak RSS divided by the claims kept is the cost of one.
# Usage: scripts/bench-store.sh [CLAIMS...]   (default: 10000 50000; at most
# about 54,000: the dates run from 1950 to 2099, the years the rules read)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/build/claimlint"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ $# -gt 0 ] || set -- 10000 50000
: >"$tmp/rows"
printf '%10s %12s %14s %14s %16s\n' claims kept "RSS MB" "--no-cross MB" "bytes per kept"
for n in "$@"; do
    dir="$tmp/c$n"
    mkdir -p "$dir"
    # 500 claims per article, each on its own day from 1950-01-01 on.
    awk -v n="$n" -v dir="$dir" 'BEGIN {
        split("31 28 31 30 31 30 31 31 30 31 30 31", ml, " ")
        y = 1950; m = 1; d = 1
        for (i = 0; i < n; i++) {
            if (i % 500 == 0) { close(f); f = sprintf("%s/a%06d.txt", dir, i / 500) }
            printf "截至%d年%d月%d日，全国共有%d项干细胞临床研究项目完成备案。\n", y, m, d, 100 + i % 97 > f
            leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
            if (++d > ml[m] + (m == 2 && leap)) { d = 1; if (++m > 12) { m = 1; y++ } }
        }
    }'
    /usr/bin/time -f "%M" -o "$tmp/t1" "$bin" -q -j1 --stats "$dir" >/dev/null 2>"$tmp/s1" || true
    /usr/bin/time -f "%M" -o "$tmp/t2" "$bin" -q -j1 --no-cross "$dir" >/dev/null 2>&1 || true
    kept=$(sed -n 's/.*(\([0-9]*\) kept.*/\1/p' "$tmp/s1")
    a=$(tail -n 1 "$tmp/t1") b=$(tail -n 1 "$tmp/t2")
    awk -v n="$n" -v k="$kept" -v a="$a" -v b="$b" 'BEGIN {
        printf "%10d %12d %14.1f %14.1f %16.0f\n", n, k, a / 1024, b / 1024, (a - b) * 1024 / k }'
    echo "$kept $a" >>"$tmp/rows"
done
# The slope between the smallest and the largest run: the cost of one more
# kept claim, whatever the fixed costs.
awk 'NR == 1 { k0 = $1; a0 = $2 } { k1 = $1; a1 = $2 } END {
    if (NR > 1 && k1 > k0) printf "slope from %d to %d kept claims: %.0f bytes per kept claim\n", k0, k1, (a1 - a0) * 1024 / (k1 - k0) }' "$tmp/rows"
