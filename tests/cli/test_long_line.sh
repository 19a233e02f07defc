# One line of 34 MiB with a claim at its very end: checked to the end, in
# bounded time, and reported at the right column in bytes and in characters.
. tests/cli/lib.sh
f="$WORK/long.txt"
# 22 characters, 66 bytes, no digits: doubled 19 times.
printf '这是一段没有数字的填充文字，用来把一行拉长。' >"$WORK/fill"
i=0
while [ $i -lt 19 ]; do cat "$WORK/fill" "$WORK/fill" >"$WORK/fill2"; mv "$WORK/fill2" "$WORK/fill"; i=$((i + 1)); done
cat "$WORK/fill" >"$f"
printf '截至2024年10月，其中160项干细胞药物IND已获批。\n' >>"$f"
fill_bytes=$((66 * 524288))
fill_chars=$((22 * 524288))
# "截至2024年10月，其中" is 27 bytes and 13 characters before the value.
byte_col=$((fill_bytes + 27 + 1))
char_col=$((fill_chars + 13 + 1))

start=$(date +%s)
timeout 300 $CLAIMLINT $PACK "$f" >"$WORK/out" 2>"$WORK/err"
status=$?
end=$(date +%s)
[ $status = 124 ] && { echo "a 34 MiB line took more than 300 s"; fails=$((fails + 1)); }
expect_status 1 $status "a 34 MiB line"
expect_grep "long.txt:1:$byte_col: warning: 160项 stem-cell INDs cleared" "$WORK/out" "stdout (byte column)"
echo "checked 34 MiB in one line in $((end - start)) s"

timeout 300 $CLAIMLINT $PACK --column-unit=char "$f" >"$WORK/out" 2>"$WORK/err"
expect_status 1 $? "a 34 MiB line, char columns"
expect_grep "long.txt:1:$char_col: warning: 160项" "$WORK/out" "stdout (char column)"
finish
