# A value rule whose pattern can match without its (?<value>) capture (an
# alternative that lacks it): --test-rules reports the example as not
# matching, and such a match is no claim (docs/rules.md, Captures).
. tests/cli/lib.sh
mkdir -p "$WORK/rules"
cat >"$WORK/rules/r.yaml" <<'YAML'
version: 1
facts:
  - {key: t.x, label: X, value: 1, confidence: high, sources: [S]}
rules:
  - id: r
    fact: t.x
    patterns: ['数字(?<value>\d+)|没有数字']
    examples:
      match: [{text: 没有数字, value: 1}]
YAML
printf '没有数字\n数字2\n' >"$WORK/a.txt"

$CLAIMLINT --rules "$WORK/rules" --test-rules >"$WORK/out" 2>"$WORK/err"
status=$?
$CLAIMLINT --rules "$WORK/rules" "$WORK/a.txt" >"$WORK/out2" 2>"$WORK/err2"
status2=$?
expect_status 1 $status "--test-rules"
expect_grep "r.yaml:9:15: error: example of rule 'r' does not match" "$WORK/err" "stderr of --test-rules"
expect_status 1 $status2 "checking"
expect_lines 2 "$WORK/out2" "stdout: the finding on line 2 and its note"
expect_grep "a.txt:2:7: warning: claimed 2 X" "$WORK/out2" "stdout"
finish
