# --help and the man page list the same options; every option in --help is
# documented in README.md.
. tests/cli/lib.sh
$CLAIMLINT --help >"$WORK/help"
expect_status 0 $? "--help"
grep -o -- '--[a-z][a-z-]*' "$WORK/help" | sort -u >"$WORK/help.opts"
sed 's/\\//g' docs/claimlint.1 | grep -o -- '--[a-z][a-z-]*' | sort -u >"$WORK/man.opts"
if ! diff "$WORK/help.opts" "$WORK/man.opts" >"$WORK/diff"; then
    echo "--help and docs/claimlint.1 differ (< help, > man):"; cat "$WORK/diff"; fails=$((fails + 1))
fi
for o in $(grep -o -- '--[a-z][a-z-]*' "$WORK/help" | grep -v -- '--help\|--version' | sort -u); do
    grep -q -- "\`$o" README.md || { echo "README.md does not mention $o"; fails=$((fails + 1)); }
done
finish
