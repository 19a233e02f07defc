# -j N gives byte-for-byte the output of -j1, findings across files included,
# whatever the order of the arguments.
. tests/cli/lib.sh
for j in 1 2 3 8; do
    $CLAIMLINT -q -j$j corpus/ >"$WORK/out.$j" 2>"$WORK/err.$j"
    echo $? >"$WORK/status.$j"
done
for j in 2 3 8; do
    cmp -s "$WORK/out.1" "$WORK/out.$j" || { echo "-j$j output differs from -j1"; diff "$WORK/out.1" "$WORK/out.$j" | head; fails=$((fails + 1)); }
    cmp -s "$WORK/status.1" "$WORK/status.$j" || { echo "-j$j exit status differs"; fails=$((fails + 1)); }
done
expect_grep "zh-hant-brief-filings-regional.txt:.*in corpus/zh-hans-news-filing-count.txt" "$WORK/out.8" "a finding across files with -j8"
# Arguments in another order: the same output (files are taken in path order).
$CLAIMLINT -q -j2 corpus/zh-hant-brief-filings-regional.txt corpus/zh-hans-news-filing-count.txt >"$WORK/a" 2>&1
$CLAIMLINT -q -j2 corpus/zh-hans-news-filing-count.txt corpus/zh-hant-brief-filings-regional.txt >"$WORK/b" 2>&1
cmp -s "$WORK/a" "$WORK/b" || { echo "argument order changed the output"; fails=$((fails + 1)); }
expect_grep 'regional.txt:.*claims otherwise' "$WORK/a" "the later file in path order carries the finding"
$CLAIMLINT -j0 corpus/ >"$WORK/out" 2>"$WORK/err"
expect_status 2 $? "-j0"
expect_grep "bad --jobs '0'" "$WORK/err" "stderr of -j0"
# --stats reports on standard error, and nothing changes on standard output.
$CLAIMLINT -q -j2 --stats corpus/ >"$WORK/out" 2>"$WORK/err"
cmp -s "$WORK/out" "$WORK/out.1" || { echo "--stats changed standard output"; fails=$((fails + 1)); }
expect_grep '^stats: 15 files, [0-9]* bytes, [0-9]* claims (.*), 12 findings, [0-9]* rules, 2 jobs' "$WORK/err" "--stats"
finish
