# The example at the top of README.md is what claimlint prints: an article
# whose line 23 starts with a claim that dates the bioeconomy plan to 2023,
# checked with the shipped rules (the checkout's rules/) and --date.
. tests/cli/lib.sh
i=1
while [ $i -le 22 ]; do
    printf '第%d段。\n' $i
    i=$((i + 1))
done >"$WORK/article.txt"
printf '2023年印发的《"十四五"生物经济发展规划》提出发展生物医药。\n' >>"$WORK/article.txt"
$CLAIMLINT --date 2025-03-28 "$WORK/article.txt" >"$WORK/out" 2>&1
expect_status 1 $? "the README's example"
sed "s|^$WORK/||" "$WORK/out" >"$WORK/got"
# The example: the lines after "$ build/claimlint --date 2025-03-28 article.txt".
sed -n '/^    \$ build\/claimlint --date 2025-03-28 article.txt$/,/^$/p' README.md |
    sed '1d; /^$/d; s/^    //' >"$WORK/want"
expect_lines 3 "$WORK/want" "the example in README.md"
if ! cmp -s "$WORK/want" "$WORK/got"; then
    echo "README.md's example differs from the output:"; diff "$WORK/want" "$WORK/got" | sed 's/^/  | /'
    fails=$((fails + 1))
fi
finish
