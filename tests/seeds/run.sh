#!/bin/sh
# The five real articles in ../shared/seeds, each checked with its own date:
# claimlint must report each error listed at the end of
# ../shared/reference-facts.md and nothing on the true claims listed there.
# Skipped (and says so) when ../shared/seeds is not there.
set -u
bin=${1:?usage: run.sh path/to/claimlint}
case "$bin" in /*) ;; *) bin="$(pwd)/$bin" ;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
seeds="$root/../shared/seeds"
if [ ! -d "$seeds" ]; then
    echo "seeds: SKIPPED: $seeds does not exist (the real-article test needs ../shared/seeds)"
    exit 0
fi
cd "$root" || exit 2
table="$root/tests/seeds/expectations.txt"
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0 checks=0
# expectations.txt: "seed date" lines, then "+ rule-id [line]" (must be reported)
# and "- rule-id [line]" (must not be reported) lines for that seed.
current="" 
run_seed() {
    "$bin" -q --date "$2" --claims "$seeds/$1" >"$tmp/$1.claims" 2>/dev/null
    "$bin" -q --date "$2" "$seeds/$1" >"$tmp/$1.out" 2>"$tmp/$1.err"
    status=$?
    if [ $status -gt 1 ]; then
        echo "FAIL $1: exit status $status"; cat "$tmp/$1.err"; fail=$((fail + 1))
    fi
}
while read -r kind a b; do
    case "$kind" in
        ''|'#'*) continue ;;
        seed) current=$a; run_seed "$a" "$b" ;;
        =)
            checks=$((checks + 1))
            if ! grep -q "\"line\":$b,.*\"rule\":\"$a\"" "$tmp/$current.claims"; then
                echo "FAIL $current: rule [$a] extracted no claim on line $b"; fail=$((fail + 1))
            fi ;;
        +|-)
            checks=$((checks + 1))
            [ "$kind" = + ] && echo "$a ${b:-*}" >>"$tmp/$current.expected"
            if [ -n "$b" ]; then pat=":$b:[0-9]*: [a-z]*: .*\[$a\]\$"; else pat="\[$a\]\$"; fi
            if grep -q "$pat" "$tmp/$current.out"; then found=1; else found=0; fi
            if [ "$kind" = + ] && [ $found = 0 ]; then
                echo "FAIL $current: expected a finding of [$a]${b:+ on line $b}"; fail=$((fail + 1))
            elif [ "$kind" = - ] && [ $found = 1 ]; then
                echo "FAIL $current: unexpected finding of [$a]${b:+ on line $b}:"
                grep "$pat" "$tmp/$current.out"; fail=$((fail + 1))
            fi ;;
        *) echo "bad line in $table: $kind $a $b"; exit 2 ;;
    esac
done <"$table"
# Nothing else: every finding on a seed must be one of its "+" lines, so that
# a new rule cannot raise a warning on a true claim nobody listed.
for f in "$tmp"/*.out; do
    seed=$(basename "$f" .out)
    while IFS= read -r line; do
        case "$line" in "$seeds/$seed:"*) ;; *) continue ;; esac
        rule=${line##*\[}; rule=${rule%\]}
        ln=${line#"$seeds/$seed:"}; ln=${ln%%:*}
        checks=$((checks + 1))
        if ! grep -qx "$rule $ln" "$tmp/$seed.expected" 2>/dev/null &&
           ! grep -qx "$rule \*" "$tmp/$seed.expected" 2>/dev/null; then
            echo "FAIL $seed: finding not listed in expectations.txt: $line"; fail=$((fail + 1))
        fi
    done <"$f"
done
for f in "$tmp"/*.out; do
    echo "== $(basename "$f" .out)"; sed 's/^/   /' "$f"
done
echo "seeds: $checks checks, $fail failed"
[ $fail = 0 ]
