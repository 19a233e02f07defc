# Files of a directory are reported in byte order of their paths, directories
# and files interleaved (not files first or directories first), whether
# readdir knows an entry's type or a stat() has to find it out (the link).
. tests/cli/lib.sh

d="$WORK/articles"
mkdir -p "$d/b" "$d/d"
for f in a.txt b/x.txt c.txt d/y.txt e.txt; do
    printf '截至2024年10月，其中160项干细胞药物IND已获批。\n' >"$d/$f"
done
ln -s e.txt "$d/b0.txt"  # a link: its type comes from stat()

$CLAIMLINT -q $PACK --no-cross -j1 "$d" >"$WORK/out" 2>"$WORK/err"
status=$?
expect_status 1 $status "five findings"
grep ': warning:' "$WORK/out" | sed 's|^.*/articles/||; s|:.*||' >"$WORK/order"
printf '%s\n' a.txt b/x.txt b0.txt c.txt d/y.txt e.txt >"$WORK/want"
if ! cmp -s "$WORK/want" "$WORK/order"; then
    echo "expected findings in walk order:"; diff "$WORK/want" "$WORK/order" | sed 's/^/  | /'
    fails=$((fails + 1))
fi
finish
