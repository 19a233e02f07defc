#!/bin/sh
# Golden tests of the whole tool: each directory under tests/golden/ holds
#   args              the command-line arguments (run from the repository root)
#   stdin             optional standard input
#   expected.stdout   exact standard output
#   expected.stderr   exact standard error
#   expected.status   exit status
# plus its input files. `run.sh --update BIN` rewrites the expected files: review
# the diff (git diff tests/golden) before committing, as for any code.
set -u
update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi
bin=${1:?usage: run.sh [--update] path/to/claimlint}
case "$bin" in /*) ;; *) bin="$(pwd)/$bin" ;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

pass=0 fail=0
for dir in tests/golden/*/; do
    dir=${dir%/}
    [ -f "$dir/args" ] || continue
    name=${dir#tests/golden/}
    args=$(cat "$dir/args")
    if [ -f "$dir/stdin" ]; then
        eval "\"\$bin\" $args" <"$dir/stdin" >"$tmp/stdout" 2>"$tmp/stderr"
    else
        eval "\"\$bin\" $args" </dev/null >"$tmp/stdout" 2>"$tmp/stderr"
    fi
    echo $? >"$tmp/status"
    if [ $update = 1 ]; then
        cp "$tmp/stdout" "$dir/expected.stdout"
        cp "$tmp/stderr" "$dir/expected.stderr"
        cp "$tmp/status" "$dir/expected.status"
        echo "updated $name"
        continue
    fi
    ok=1
    for f in stdout stderr status; do
        if ! cmp -s "$tmp/$f" "$dir/expected.$f"; then
            [ $ok = 1 ] && echo "FAIL $name"
            ok=0
            echo "--- $f differs (expected, actual):"
            diff -u "$dir/expected.$f" "$tmp/$f" | sed -n '3,40p'
        fi
    done
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
[ $update = 1 ] && exit 0
echo "golden: $pass passed, $fail failed"
[ $fail = 0 ]
