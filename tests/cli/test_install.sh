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

# A DATADIR of its own, not PREFIX/share/claimlint: the installed binary has
# it compiled in, even when build/claimlint was built before with another.
# build/claimlint itself is not relinked (other suites may be running it).
cd "$OLDPWD" || exit 1
before=$(ls -l --time-style=full-iso "$CLAIMLINT")
make -s install PREFIX="$WORK/p2" DATADIR="$WORK/data" >"$WORK/log" 2>&1
expect_status 0 $? "make install DATADIR=..."
[ -e "$WORK/data/rules/reference/policy.yaml" ] || { echo "not installed: data/rules/reference/policy.yaml"; fails=$((fails + 1)); }
[ -e "$WORK/p2/share/claimlint" ] && { echo "installed under PREFIX/share/claimlint despite DATADIR"; fails=$((fails + 1)); }
[ "$before" = "$(ls -l --time-style=full-iso "$CLAIMLINT")" ] || { echo "make install relinked $CLAIMLINT"; fails=$((fails + 1)); }
cd "$WORK" || exit 1
"$WORK/p2/bin/claimlint" -q a.txt >"$WORK/out" 2>"$WORK/err"
expect_status 1 $? "the claimlint installed with DATADIR"
expect_grep "^$WORK/data/rules/reference/policy.yaml:[0-9]*:[0-9]*: note: issued 2022-05-10" "$WORK/out" "its note"
finish
