#!/bin/sh
# A subset of the tests under valgrind memcheck: every run must end with no
# memory error and no definite or indirect leak (still-reachable blocks, the
# engines a fuzz target keeps for its whole run, are fine). Run from the
# repository root with the plain build: tests/valgrind/run.sh build
set -u
build=${1:?usage: run.sh BUILD_DIR}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind: not installed (scripts/install-deps.sh test installs it)"; exit 1
fi
bin="$build/claimlint"
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
nojit="$root/$build/tests/nojit.so"
case "$build" in /*) nojit="$build/tests/nojit.so" ;; esac
vg() { # name, then the command; its output goes to $tmp/out, valgrind's to $tmp/vg
    name=$1; shift
    LD_PRELOAD="$nojit" valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --show-leak-kinds=definite,indirect --log-file="$tmp/vg" "$@" >"$tmp/out" 2>&1 </dev/null
    status=$?
    if [ $status = 99 ] || [ -s "$tmp/vg" ]; then
        echo "FAIL $name (valgrind):"; sed 's/^/   /' "$tmp/vg" | head -60; fail=$((fail + 1))
        return 1
    fi
    pass=$((pass + 1))
    return 0
}
# The golden case dir/, checked against its expected status as well.
golden() {
    dir=tests/golden/$1
    args=$(cat "$dir/args")
    if eval "vg 'golden $1' \"\$bin\" $args"; then
        want=$(cat "$dir/expected.status")
        if [ "$status" != "$want" ]; then
            echo "FAIL golden $1: exit status $status, expected $want"; sed 's/^/   /' "$tmp/out"
            pass=$((pass - 1)); fail=$((fail + 1))
        fi
    fi
}

for t in test_text test_value; do
    [ -x "$build/tests/$t" ] && vg "unit $t" "$build/tests/$t"
done
for g in value-basic value-series check-ratio check-share conflict-across directives format-sarif \
         invalid-utf8 crlf-bom match-limit bad-reference bad-pattern test-rules-fail config excerpts-color; do
    [ -f "tests/golden/$g/args" ] && golden "$g"
done
vg "--test-rules on the shipped rules" "$bin" --test-rules
vg "fuzz_pipeline corpus" "$build/fuzz/fuzz_pipeline-replay" tests/fuzz/corpus/fuzz_pipeline
vg "fuzz_rules corpus" "$build/fuzz/fuzz_rules-replay" tests/fuzz/corpus/fuzz_rules

# The real articles: the first two with their dates, then all as one corpus
# (claims compared across files). Each run costs seconds under valgrind.
seeds="$root/../shared/seeds"
if [ -d "$seeds" ]; then
    grep '^seed ' tests/seeds/expectations.txt | head -2 >"$tmp/seeds"
    while read -r kind seed date; do
        vg "seed $seed" "$bin" -q --date "$date" "$seeds/$seed"
    done <"$tmp/seeds"
    vg "seeds as one corpus" "$bin" --format=json "$seeds"
else
    echo "valgrind: seeds skipped: $seeds does not exist"
fi
[ -d corpus ] && [ -n "$(ls corpus 2>/dev/null)" ] && vg "corpus/" "$bin" corpus/
echo "valgrind: $pass passed, $fail failed"
[ $fail = 0 ]
