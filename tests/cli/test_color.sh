# Colour and excerpts on a real terminal (a pseudo-terminal from script(1)):
# --color=auto and --excerpts=auto turn on there and off in a pipe; NO_COLOR
# (when not empty), TERM=dumb and INSIDE_EMACS turn colour off; --color=always
# wins over NO_COLOR; --color=never wins over a terminal.
. tests/cli/lib.sh
if ! script -qec true /dev/null >/dev/null 2>&1; then
    echo "SKIPPED: script(1) with -e and -c is not available: no pseudo-terminal"
    exit 0
fi
printf '山中仲弥获奖。\n' >"$WORK/a.txt"
esc=$(printf '\033')
on_tty() { # out env... -- args: claimlint's stdout on a pseudo-terminal
    out=$1; shift
    envs=""
    while [ "$1" != "--" ]; do envs="$envs $1"; shift; done
    shift
    script -qec "env -u NO_COLOR -u INSIDE_EMACS TERM=xterm $envs $CLAIMLINT $PACK -q $* $WORK/a.txt" /dev/null \
        >"$out" 2>&1
}
on_tty "$WORK/auto" --
expect_status 1 $? "a finding on a terminal"
expect_grep "${esc}\[01;35mwarning:" "$WORK/auto" "--color=auto on a terminal"
expect_grep '^ *1 | 山中仲弥获奖。' "$WORK/auto" "--excerpts=auto on a terminal"
expect_grep '^ *| .*\^~~~~~~~' "$WORK/auto" "the caret under the claim"

on_tty "$WORK/no-color" NO_COLOR=1 --
expect_no_grep "$esc" "$WORK/no-color" "NO_COLOR=1 on a terminal"
expect_grep '^ *| ^~~~~~~~' "$WORK/no-color" "excerpts with NO_COLOR (only the colour goes)"
on_tty "$WORK/no-color-empty" NO_COLOR= --
expect_grep "${esc}\[01;35mwarning:" "$WORK/no-color-empty" "an empty NO_COLOR (ignored, as no-color.org says)"
on_tty "$WORK/dumb" TERM=dumb --
expect_no_grep "$esc" "$WORK/dumb" "TERM=dumb"
on_tty "$WORK/emacs" INSIDE_EMACS=29.1,compile --
expect_no_grep "$esc" "$WORK/emacs" "INSIDE_EMACS (M-x compile parses the output as text)"
on_tty "$WORK/always" NO_COLOR=1 -- --color=always
expect_grep "${esc}\[01;35mwarning:" "$WORK/always" "--color=always over NO_COLOR"
on_tty "$WORK/never" -- --color=never --excerpts=never
expect_no_grep "$esc" "$WORK/never" "--color=never on a terminal"
expect_no_grep '^ *1 | ' "$WORK/never" "--excerpts=never on a terminal"

# Not a terminal: plain diagnostics, whatever TERM says.
TERM=xterm $CLAIMLINT $PACK -q "$WORK/a.txt" >"$WORK/pipe" 2>&1
expect_no_grep "$esc" "$WORK/pipe" "output into a file"
expect_lines 2 "$WORK/pipe" "output into a file (a finding and its note, no excerpt)"
finish
