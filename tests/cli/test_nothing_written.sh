# claimlint writes nothing but the baseline it is asked for: after runs over a
# copy of the articles (every format, --claims, --write-baseline, --baseline,
# a configuration file), every file of that tree, of the rules it read and of
# the working directory is as it was, no file was added, and the temporary
# directory stayed empty. Checked by listing every file with its checksum.
. tests/cli/lib.sh
tree="$WORK/tree" rules="$WORK/rules" cwd="$WORK/cwd" tmp="$WORK/tmp"
mkdir -p "$tree/sub" "$cwd" "$tmp"
cp -R tests/golden/_pack "$rules"
if [ -d ../shared/seeds ]; then cp ../shared/seeds/*.txt "$tree/"; fi
for g in value-basic check-name crlf-bom invalid-utf8 directives scripts-columns; do
    [ -f "tests/golden/$g/article.txt" ] && cp "tests/golden/$g/article.txt" "$tree/sub/$g.md"
done
printf 'rules: [%s]\ndate: 2025-03-28\n' "$rules" >"$tree/.claimlint.yaml"
snapshot() { # every file under the three trees, with its checksum
    (cd "$WORK" && find tree rules cwd tmp -print0 | sort -z | xargs -0 -n 64 sh -c \
        'for f; do if [ -f "$f" ]; then cksum "$f"; else echo "dir-or-other $f"; fi; done' sh)
}
snapshot >"$WORK/before"

cd "$cwd" || exit 2
for args in "" "--format=json" "--format=sarif" "--format=github" "--claims" "--excerpts=always --color=always" \
            "-v --report-unused-suppressions" "--no-config --rules $rules"; do
    # shellcheck disable=SC2086
    TMPDIR="$tmp" $CLAIMLINT $args "$tree" >"$WORK/out" 2>"$WORK/err"
    status=$?
    [ $status -le 1 ] || { echo "claimlint $args: exit status $status"; sed 's/^/  | /' "$WORK/err"; fails=$((fails + 1)); }
done
TMPDIR="$tmp" $CLAIMLINT --write-baseline "$cwd/base.json" "$tree" >"$WORK/out" 2>"$WORK/err"
expect_status 0 $? "--write-baseline"
expect_grep "wrote [1-9][0-9]* findings to" "$WORK/err" "stderr of --write-baseline"
TMPDIR="$tmp" $CLAIMLINT --baseline "$cwd/base.json" "$tree" >"$WORK/out" 2>"$WORK/err"
expect_status 0 $? "--baseline"
cd "$OLDPWD" || exit 2

snapshot | grep -v ' cwd/base.json$' >"$WORK/after"
grep -v ' cwd/base.json$' "$WORK/before" >"$WORK/before.cmp"
if ! diff "$WORK/before.cmp" "$WORK/after" >"$WORK/diff"; then
    echo "files changed, added or removed (< before, > after):"; sed 's/^/  | /' "$WORK/diff"; fails=$((fails + 1))
fi
[ -s "$cwd/base.json" ] || { echo "the baseline was not written"; fails=$((fails + 1)); }
[ "$(ls -A "$tmp")" = "" ] || { echo "files left in TMPDIR: $(ls -A "$tmp")"; fails=$((fails + 1)); }
finish
