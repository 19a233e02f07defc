# The map and reduce steps: shards extracted separately, reconciled in any
# order, print exactly what one run over all the files prints.
. tests/cli/lib.sh
$CLAIMLINT corpus/ >"$WORK/one.out" 2>"$WORK/one.err"
one=$?
# Two shards, given to reconcile in reverse order.
$CLAIMLINT extract -q corpus/zh-hans-* >"$WORK/a.jsonl"
$CLAIMLINT extract -q corpus/zh-hant-* corpus/en-* >"$WORK/b.jsonl"
$CLAIMLINT reconcile "$WORK/b.jsonl" "$WORK/a.jsonl" >"$WORK/two.out" 2>"$WORK/two.err"
expect_status $one $? "reconcile of two shards"
cmp -s "$WORK/one.out" "$WORK/two.out" || { echo "two shards: stdout differs"; diff "$WORK/one.out" "$WORK/two.out" | head; fails=$((fails + 1)); }
cmp -s "$WORK/one.err" "$WORK/two.err" || { echo "two shards: stderr differs"; diff "$WORK/one.err" "$WORK/two.err"; fails=$((fails + 1)); }
# One shard per file, extracted with -j3, reconciled from one concatenation.
for f in corpus/*.txt corpus/*.md; do
    [ "$(basename "$f")" = README.md ] && continue
    $CLAIMLINT extract -q -j3 "$f" >"$WORK/shard.$(basename "$f").jsonl"
done
cat "$WORK"/shard.*.jsonl | $CLAIMLINT reconcile - >"$WORK/many.out" 2>"$WORK/many.err"
expect_status $one $? "reconcile of one shard per file"
cmp -s "$WORK/one.out" "$WORK/many.out" || { echo "many shards: stdout differs"; diff "$WORK/one.out" "$WORK/many.out" | head; fails=$((fails + 1)); }
# Other formats work on reconcile too.
$CLAIMLINT --format=json corpus/ >"$WORK/one.json" 2>/dev/null
$CLAIMLINT reconcile --format=json "$WORK/a.jsonl" "$WORK/b.jsonl" >"$WORK/two.json" 2>/dev/null
cmp -s "$WORK/one.json" "$WORK/two.json" || { echo "json: differs"; fails=$((fails + 1)); }
# A truncated shard and a foreign file are errors with their position.
head -n 3 "$WORK/a.jsonl" >"$WORK/cut.jsonl"
$CLAIMLINT reconcile "$WORK/cut.jsonl" >"$WORK/out" 2>"$WORK/err"
expect_status 2 $? "a truncated shard"
expect_grep 'cut.jsonl:3:1: error: the last document has no end record' "$WORK/err" "stderr"
printf 'hello\n' >"$WORK/foreign.jsonl"
$CLAIMLINT reconcile "$WORK/foreign.jsonl" >"$WORK/out" 2>"$WORK/err"
expect_status 2 $? "a file that is not a shard"
expect_grep 'foreign.jsonl:1:1: error: not a JSON object' "$WORK/err" "stderr"
# Shards of other rules: reconcile says so.
$CLAIMLINT reconcile --rules tests/golden/_pack "$WORK/a.jsonl" >"$WORK/out" 2>"$WORK/err"
expect_status 2 $? "reconciling with other rules"
expect_grep "which is not loaded: reconcile with the rules extract used" "$WORK/err" "stderr"
finish
