#!/bin/sh
# VS Code's problem matcher, as far as it can be tried without VS Code: the
# regexp and the group numbers are read from docs/examples/vscode/tasks.json
# (the file docs/editors.md shows), applied with Perl's regex engine (the
# pattern uses nothing JavaScript and Perl read differently) to claimlint's
# real output for tests/editors/article.txt, run with the task's own
# arguments, and every captured group is compared with what VS Code must get.
# The UTF-16 columns are also recomputed independently with iconv.
set -u
bin=${1:?usage: vscode-problem-matcher.sh path/to/claimlint}
case "$bin" in /*) ;; *) bin="$(pwd)/$bin" ;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
tasks="$root/docs/examples/vscode/tasks.json"
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
fails=0 checks=0
fail() { echo "FAIL editors/vscode: $*"; fails=$((fails + 1)); }
same() { # what expected-file actual-file
    checks=$((checks + 1))
    cmp -s "$2" "$3" || { fail "$1 (expected, actual):"; diff -u "$2" "$3" | sed -n '3,$p' | sed 's/^/   /'; }
}

# The matcher, as JSON strings decoded: only \\ may be escaped in it.
sed -n 's/^ *"regexp": "\(.*\)",\{0,1\}$/\1/p' "$tasks" >"$work/regexps"
[ "$(wc -l <"$work/regexps")" = 2 ] || fail "expected the regexp of 2 tasks in $tasks"
[ "$(sort -u "$work/regexps" | wc -l)" = 1 ] || fail "the two tasks have different regexps"
sed 's/\\\\//g' "$work/regexps" | grep -q '\\' && fail "a JSON escape other than \\\\ in the regexp"
regexp=$(head -n 1 "$work/regexps" | sed 's/\\\\/\\/g')
sed -n 's/^ *"\(file\|line\|column\|severity\|message\|code\)": \([0-9]*\),\{0,1\}$/\1=\2/p' "$tasks" >"$work/group-numbers"
[ "$(sort -u "$work/group-numbers" | wc -l)" = 6 ] || fail "the two tasks do not number the same 6 groups"
group() { sed -n "s/^$1=//p" "$work/group-numbers" | head -n 1; }

# The first task's arguments, with ${file} standing for article.txt.
args=$(sed -n 's/^ *"args": \[\(.*\)\],$/\1/p' "$tasks" | head -n 1 | sed 's/"//g; s/,/ /g; s/\${file}/article.txt/')
case " $args " in *" --column-unit=utf16 "*) ;; *) fail "the task does not ask for UTF-16 columns: $args" ;; esac

cp "$root/tests/editors/article.txt" "$work/"
printf 'rules: [%s/tests/golden/_pack]\ncolumn_unit: byte\nseverity: {t-name: error}\n' "$root" >"$work/.claimlint.yaml"
cd "$work" || exit 2
# VS Code reads the task's terminal: standard output and error together.
# shellcheck disable=SC2086
"$bin" $args >out 2>&1
[ $? = 1 ] || fail "claimlint $args: exit status $? (expected 1)"

# Every finding and note line matches; the summary line does not.
grep -P -c -- "$regexp" out >count
echo 6 >want.count
same "lines that grep -P matches" want.count count
grep -P -v -- "$regexp" out >unmatched
echo "1 error, 2 warnings in 1 of 1 file" >want.unmatched
same "lines left unmatched" want.unmatched unmatched

# The groups VS Code takes: file|line|column|severity|code|message.
REGEXP=$regexp G_FILE=$(group file) G_LINE=$(group line) G_COLUMN=$(group column) \
G_SEVERITY=$(group severity) G_MESSAGE=$(group message) G_CODE=$(group code) \
perl -CSD -ne '
    BEGIN { $re = qr/$ENV{REGEXP}/ }
    chomp;
    next unless /$re/;
    my @g = (undef, $1, $2, $3, $4, $5, $6);
    print join("|", map { $g[$ENV{$_}] // "" } qw(G_FILE G_LINE G_COLUMN G_SEVERITY G_CODE G_MESSAGE)), "\n";
' out >captured
ref="$root/tests/golden/_pack/reference.yaml"
cat >want.captured <<EOT
article.txt|2|14|warning|t-cleared|160项 stem-cell INDs cleared as of 2024-10; the reference says 106 as of 2024-10
$ref|23|16|note||106 as of 2024-10 (source: Test source A, 2025-01-03)
article.txt|3|19|warning|t-cleared|160项 stem-cell INDs cleared as of 2024-10; the reference says 106 as of 2024-10
$ref|23|16|note||106 as of 2024-10 (source: Test source A, 2025-01-03)
article.txt|4|6|error|t-name|'山中仲弥' is a misspelling of 山中伸弥
$ref|45|10|note||Shinya Yamanaka is written 山中伸弥 (source: Test source E)
EOT
same "captured groups" want.captured captured

# Independently: the UTF-16 column is the number of UTF-16 code units before
# the claim (found by its byte column) plus one.
"$bin" --column-unit=byte --color=never --excerpts=never article.txt 2>/dev/null |
    sed -n 's/^article\.txt:\([0-9]*\):\([0-9]*\): .*/\1 \2/p' >bytes
: >utf16
while read -r line byte; do
    prefix=$(sed -n "${line}p" article.txt | head -c $((byte - 1)))
    units=$(printf '%s' "$prefix" | iconv -f UTF-8 -t UTF-16LE | wc -c)
    echo "article.txt|$line|$((units / 2 + 1))" >>utf16
done <bytes
grep '^article' captured | cut -d'|' -f1-3 >columns
same "UTF-16 columns recomputed with iconv" utf16 columns

if [ $fails = 0 ]; then
    echo "editors/vscode: $checks checks passed"
fi
[ $fails = 0 ]
