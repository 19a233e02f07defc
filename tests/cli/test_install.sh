# make install PREFIX=...: the binary, the rules and the man page, and the
# installed binary finds its rules wherever PREFIX was.
. tests/cli/lib.sh
make -s install PREFIX="$WORK/prefix" >"$WORK/log" 2>&1
expect_status 0 $? "make install"
for f in bin/claimlint share/claimlint/rules/macros.yaml share/claimlint/rules/reference/ind.yaml share/man/man1/claimlint.1; do
    [ -e "$WORK/prefix/$f" ] || { echo "not installed: $f"; fails=$((fails + 1)); }
done
cd "$WORK" || exit 1
printf '2023年，国家发改委明确将其写入《生物经济发展“十四五”规划》。\n' >"$WORK/a.txt"
"$WORK/prefix/bin/claimlint" -q a.txt >"$WORK/out" 2>"$WORK/err"
expect_status 1 $? "the installed claimlint"
expect_grep "prefix/share/claimlint/rules/reference/policy.yaml:[0-9]*:[0-9]*: note: issued 2022-05-10" "$WORK/out" "its note"
"$WORK/prefix/bin/claimlint" --test-rules >"$WORK/out" 2>"$WORK/err"
expect_status 0 $? "--test-rules of the installed pack"
finish
