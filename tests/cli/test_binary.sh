# A binary file named like an article (a PNG saved as .md) inside a checked
# directory is skipped with a note that names it; the articles beside it are
# checked as usual.
. tests/cli/lib.sh
d="$WORK/articles"
mkdir -p "$d"
printf '截至2024年10月，其中160项干细胞药物IND已获批。\n' >"$d/a.txt"
# PNG signature, an IHDR chunk, then NULs and a stretch that looks like a claim.
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\001\000\000\000\001\000\010\006\000\000\000' >"$d/figure.md"
head -c 4096 /dev/zero >>"$d/figure.md"
printf '截至2024年10月，其中170项干细胞药物IND已获批。\000\377\376' >>"$d/figure.md"

$CLAIMLINT $PACK "$d" >"$WORK/out" 2>"$WORK/err"
status=$?
cat "$WORK/out" "$WORK/err" >"$WORK/all"
expect_grep "figure.md.*binary" "$WORK/all" "output (the binary file is named)"
expect_status 1 $status "a directory with a binary file"
expect_grep "articles/a.txt:1:28: warning: 160项" "$WORK/out" "stdout (the article is checked)"
expect_no_grep "figure.md:[0-9]*:[0-9]*: warning" "$WORK/out" "stdout (nothing reported inside the binary)"
expect_no_grep "170项" "$WORK/all" "output"
finish
