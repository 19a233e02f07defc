# Baseline round trip: record today's findings, report only new ones, survive
# lines moving, and write the file atomically.
. tests/cli/lib.sh
a="$WORK/a.txt"
printf '山中仲弥获奖。\n2023年，国家发改委印发《生物经济规划》。\n' >"$a"

$CLAIMLINT $PACK --write-baseline "$WORK/base.json" "$a" >"$WORK/out" 2>"$WORK/err"
expect_status 0 $? "writing a baseline"
expect_grep 'wrote 2 findings to' "$WORK/err" "stderr of --write-baseline"
expect_grep '"fingerprint": "' "$WORK/base.json" "the baseline"
ls "$WORK" | grep -q 'base.json.tmp' && { echo "temporary file left behind"; fails=$((fails + 1)); }

$CLAIMLINT $PACK --baseline "$WORK/base.json" "$a" >"$WORK/out" 2>"$WORK/err"
expect_status 0 $? "nothing new against the baseline"
expect_lines 0 "$WORK/out" "stdout with nothing new"
expect_grep '(2 known from the baseline)' "$WORK/err" "summary"

# Lines move: a paragraph inserted above; the findings are still known.
printf '新的导语。\n\n山中仲弥获奖。\n2023年，国家发改委印发《生物经济规划》。\n' >"$a"
$CLAIMLINT $PACK --baseline "$WORK/base.json" "$a" >"$WORK/out" 2>&1
expect_status 0 $? "lines moved"

# A new finding is reported, and only it.
printf '山中仲弥获奖。\n2023年，国家发改委印发《生物经济规划》。\n山中仲彌獲獎。\n' >"$a"
$CLAIMLINT $PACK --baseline "$WORK/base.json" "$a" >"$WORK/out" 2>"$WORK/err"
expect_status 1 $? "a new finding"
expect_grep ':3:1: warning: .山中仲彌. is a misspelling' "$WORK/out" "stdout with a new finding"
expect_lines 2 "$WORK/out" "stdout with one new finding and its note"

# The same finding twice: the baseline's one entry covers only one of them.
printf '山中仲弥获奖。\n山中仲弥获奖。\n2023年，国家发改委印发《生物经济规划》。\n' >"$a"
$CLAIMLINT $PACK --baseline "$WORK/base.json" "$a" >"$WORK/out" 2>&1
expect_status 1 $? "a second copy of a known finding is new"

# A failed write leaves the old file as it was.
cp "$WORK/base.json" "$WORK/before.json"
mkdir "$WORK/ro" && cp "$WORK/base.json" "$WORK/ro/base.json" && chmod 555 "$WORK/ro"
if [ "$(id -u)" != 0 ]; then
    $CLAIMLINT $PACK --write-baseline "$WORK/ro/base.json" "$a" >"$WORK/out" 2>"$WORK/err"
    expect_status 2 $? "writing into a read-only directory"
    expect_grep 'cannot write baseline' "$WORK/err" "stderr of a failed write"
    cmp -s "$WORK/ro/base.json" "$WORK/before.json" || { echo "old baseline changed"; fails=$((fails + 1)); }
fi
# As root, a directory's mode does not stop writes: a path in a missing directory fails instead.
$CLAIMLINT $PACK --write-baseline "$WORK/missing/dir/base.json" "$a" >"$WORK/out" 2>"$WORK/err"
expect_status 2 $? "writing into a missing directory"
expect_grep 'cannot write baseline' "$WORK/err" "stderr of a failed write"
chmod 755 "$WORK/ro"

# A malformed baseline is an error with its position.
printf '{"version": 1, "findings": [{"rule": "x"}]}\n' >"$WORK/bad.json"
$CLAIMLINT $PACK --baseline "$WORK/bad.json" "$a" >"$WORK/out" 2>"$WORK/err"
expect_status 2 $? "a malformed baseline"
expect_grep 'bad.json:1:29: error: a baseline finding is missing .fingerprint.' "$WORK/err" "stderr"
finish
