# The progress line (standard error on a terminal, runs of 20 files or more,
# not with -q) and the figures of --stats. A terminal comes from script(1),
# which runs the command on a pseudo-terminal.
. tests/cli/lib.sh
d="$WORK/many"
mkdir -p "$d"
i=0
while [ $i -lt 24 ]; do
    printf 'hello %d\n' $i >"$d/a$i.txt"
    i=$((i + 1))
done
# Not a terminal: no progress line, only the summary.
$CLAIMLINT -j2 "$d" >"$WORK/out" 2>"$WORK/err"
expect_status 0 $? "24 plain files"
expect_lines 1 "$WORK/err" "standard error off a terminal"
expect_no_grep 'files, .* MB/s, .* s left' "$WORK/err" "standard error off a terminal"
# --stats: every figure, on standard error.
$CLAIMLINT -q -j2 --stats "$d" >"$WORK/out" 2>"$WORK/err"
expect_grep '^stats: 24 files, [0-9]* bytes, 0 claims (0 kept for comparisons across files), 0 findings, [0-9]* rules, 2 jobs, [0-9.]* s, [0-9.]* MB/s, [0-9.]* files/s, peak RSS [0-9.]* MB$' "$WORK/err" "--stats"
expect_lines 0 "$WORK/out" "standard output with --stats"
if ! command -v script >/dev/null 2>&1; then
    echo "SKIPPED: script(1) is missing: the progress line on a terminal is not tested"
elif ! script -q -e -c true /dev/null >/dev/null 2>&1; then
    echo "SKIPPED: no pseudo-terminal here (/dev/pts): the progress line on a terminal is not tested"
else
    # On a terminal: the progress line, rewritten in place, then erased.
    TERM=xterm script -q -e -c "$CLAIMLINT -j2 $d" /dev/null >"$WORK/tty" 2>&1
    expect_status 0 $? "on a terminal"
    expect_grep '24 of 24 files, [0-9.]* MB/s, [0-9]* s left' "$WORK/tty" "the terminal"
    expect_grep 'no findings in 24 files' "$WORK/tty" "the terminal"
    # -q: none.
    TERM=xterm script -q -e -c "$CLAIMLINT -q -j2 $d" /dev/null >"$WORK/tty" 2>&1
    expect_no_grep 'of 24 files' "$WORK/tty" "the terminal with -q"
    # Fewer than 20 files: none.
    TERM=xterm script -q -e -c "$CLAIMLINT -j2 $d/a1.txt $d/a2.txt" /dev/null >"$WORK/tty" 2>&1
    expect_no_grep 'of 2 files' "$WORK/tty" "the terminal, two files"
fi
finish
