# Symbolic links inside a checked directory and inside a rule directory: a
# link to itself, and links that lead back to a directory being walked (to
# itself, to its parent). Each walk must end, read each file once, and name
# the link that cannot be read.
. tests/cli/lib.sh

# Articles.
d="$WORK/articles"
mkdir -p "$d/sub"
printf '截至2024年10月，其中160项干细胞药物IND已获批。\n' >"$d/a.txt"
printf '山中仲弥获奖。\n' >"$d/sub/b.txt"
ln -s loop.txt "$d/loop.txt"
ln -s . "$d/sub/self"
ln -s .. "$d/sub/up"
ln -s ../a.txt "$d/sub/same.txt"  # the same article under a second name: checked under both

timeout 10 $CLAIMLINT -q $PACK --no-cross "$d" >"$WORK/out" 2>"$WORK/err"
status=$?
a=$(grep -c ':1:28: warning: 160项' "$WORK/out")
b=$(grep -c "b.txt:1:1: warning: '山中仲弥'" "$WORK/out")
expect_status 2 $status "a tree with link loops"
expect_grep "articles/loop.txt: Too many levels of symbolic links" "$WORK/err" "stderr"
[ "$a" = 2 ] || { echo "expected a.txt's finding twice (a.txt, sub/same.txt), got $a"; fails=$((fails + 1)); }
[ "$b" = 1 ] || { echo "expected b.txt's finding once, got $b"; fails=$((fails + 1)); }

# Rules: the pack, with a link back to its own directory.
cp -R tests/golden/_pack "$WORK/rules"
ln -s . "$WORK/rules/self"
timeout 10 $CLAIMLINT -q --rules "$WORK/rules" "$d/a.txt" >"$WORK/out" 2>"$WORK/err"
status=$?
expect_status 1 $status "a rule directory with a link to itself"
expect_grep "a.txt:1:28: warning: 160项" "$WORK/out" "stdout"
expect_lines 0 "$WORK/err" "stderr: no duplicate rule ids"
finish
