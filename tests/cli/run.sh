#!/bin/sh
# Scenario tests of the command (several runs each, with state between them):
# every tests/cli/test_*.sh, run from the repository root with $CLAIMLINT set.
set -u
bin=${1:?usage: run.sh path/to/claimlint}
case "$bin" in /*) ;; *) bin="$(pwd)/$bin" ;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
pass=0 fail=0
for t in tests/cli/test_*.sh; do
    work=$(mktemp -d)
    if CLAIMLINT="$bin" WORK="$work" sh "$t" >"$work/.log" 2>&1; then
        pass=$((pass + 1))
        # A test that cannot run here, or waits on work not yet merged, says so.
        grep -E '^(PENDING|KNOWN BUG|SKIPPED):' "$work/.log" | sed "s|^|   $t: |"
    else
        fail=$((fail + 1))
        echo "FAIL $t"; sed 's/^/   /' "$work/.log"
    fi
    chmod -R u+rwx "$work" 2>/dev/null
    rm -rf "$work"
done
echo "cli: $pass passed, $fail failed"
[ $fail = 0 ]
