# A directory and a file that cannot be read, inside a checked directory:
# the directory is named on standard error (the walk could not list it), the
# file as an error diagnostic in its place on standard output (so JSON and
# SARIF carry it too), the rest is still checked, exit status 2.
# Root reads through any mode, so as root the command runs as nobody
# (setpriv); without setpriv, or when nobody cannot reach the binary, the
# test says SKIPPED.
. tests/cli/lib.sh
run=""
if [ "$(id -u)" = 0 ]; then
    if ! command -v setpriv >/dev/null 2>&1; then
        echo "SKIPPED: running as root without setpriv: modes do not stop root from reading"; exit 0
    fi
    run="setpriv --reuid=65534 --regid=65534 --clear-groups --"
    chmod 755 "$WORK"
    if ! $run test -x "$CLAIMLINT" || ! $run test -r tests/golden/_pack/rules.yaml; then
        echo "SKIPPED: nobody (uid 65534) cannot run $CLAIMLINT or read the rules"; exit 0
    fi
fi
d="$WORK/articles"
mkdir -p "$d/locked"
printf '截至2024年10月，其中160项干细胞药物IND已获批。\n' >"$d/a.txt"
printf '山中仲弥获奖。\n' >"$d/locked/b.txt"
printf '山中仲弥获奖。\n' >"$d/secret.txt"
chmod 000 "$d/locked" "$d/secret.txt"

$run $CLAIMLINT $PACK "$d" >"$WORK/out" 2>"$WORK/err"
expect_status 2 $? "a tree with an unreadable directory and file"
expect_grep "articles/locked: cannot open directory: Permission denied" "$WORK/err" "stderr"
expect_grep "articles/secret.txt: error: cannot open: Permission denied" "$WORK/out" "stdout"
expect_grep "articles/a.txt:1:28: warning: 160项" "$WORK/out" "stdout (the readable file is checked)"
expect_lines 3 "$WORK/out" "stdout: one finding and its note, and the unreadable file"
chmod 755 "$d/locked"
chmod 644 "$d/secret.txt"
finish
