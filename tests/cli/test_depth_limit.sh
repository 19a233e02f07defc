# A pattern that recurses once per character ((a|b)* over 200,000 a's that
# then fail) stops at a limit instead of exhausting the stack: PCRE2's JIT
# stack limit, or its depth limit in the interpreter (where JIT is
# unavailable; run here through tests/valgrind/nojit.c when it is built).
# Either is an error naming the rule and the file, with a note at the
# pattern; the other rule still reports, and the status is 2.
. tests/cli/lib.sh
mkdir -p "$WORK/rules"
cat >"$WORK/rules/r.yaml" <<'YAML'
rules:
  - id: deep
    fact: q
    patterns: '(?<value>(?:(a)|b)*)X'
  - id: fine
    fact: q
    patterns: 'count (?<value>\d+)'
facts:
  - key: q
    label: q
    value: 1
    confidence: high
    sources: [S]
YAML
{ echo "count 2"; awk 'BEGIN { s = "aaaaaaaaaa"; for (i = 0; i < 20000; i++) printf "%s", s; print "cX" }'; } >"$WORK/a.txt"
check() { # label, then the words the limit must be named with
    expect_status 2 $1 "$2"
    expect_grep "a.txt:1:7: warning: claimed 2 q; the reference has 1 \[fine\]" "$WORK/out" "$2: the other rule"
    expect_grep "a.txt:2:1: error: $3 hit by a pattern of rule 'deep'; the rule was not checked on the rest of this file \[deep\]" "$WORK/out" "$2"
    expect_grep "r.yaml:4:16: note: the pattern" "$WORK/out" "$2: the note"
}
cd "$WORK" || exit 1
timeout 60 "$CLAIMLINT" -q --rules rules a.txt >"$WORK/out" 2>"$WORK/err"
check $? "with JIT (or without it where unavailable)" "\(JIT stack limit\|depth limit\)"
nojit="$(dirname "$CLAIMLINT")/tests/nojit.so"
if [ -f "$nojit" ]; then
    LD_PRELOAD="$nojit" timeout 60 "$CLAIMLINT" -q --rules rules a.txt >"$WORK/out" 2>"$WORK/err"
    check $? "without JIT" "depth limit"
else
    echo "SKIPPED: $nojit not built (make cli builds it): the interpreter's depth limit not run"
fi
finish
