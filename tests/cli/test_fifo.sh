# A named pipe inside a checked directory, even one named like an article,
# is skipped: never opened, so nothing blocks waiting for a writer. So are
# devices reached through links (/dev/zero would never end).
. tests/cli/lib.sh
d="$WORK/articles"
mkdir -p "$d"
printf '截至2024年10月，其中160项干细胞药物IND已获批。\n' >"$d/a.txt"
mkfifo "$d/pipe.txt" "$d/pipe.md" || { echo "SKIPPED: mkfifo failed"; exit 0; }
ln -s /dev/zero "$d/zero.txt"
ln -s /dev/null "$d/null.txt"

timeout 20 $CLAIMLINT $PACK "$d" >"$WORK/out" 2>"$WORK/err"
status=$?
if [ $status = 124 ]; then
    echo "claimlint blocked on a named pipe (killed after 20 s)"; fails=$((fails + 1))
else
    expect_status 1 $status "a directory with named pipes"
fi
expect_grep "articles/a.txt:1:28: warning: 160项" "$WORK/out" "stdout"
expect_no_grep "pipe\|zero\|null" "$WORK/out" "stdout"
expect_grep "1 warning in 1 of 1 file" "$WORK/err" "summary (the pipes and devices are not counted as files)"
finish
