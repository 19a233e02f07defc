# Helpers for tests/cli/test_*.sh: each check prints what it expected.
set -u
fails=0
expect_status() { # expected actual what
    if [ "$1" != "$2" ]; then echo "expected exit status $1, got $2: $3"; fails=$((fails + 1)); fi
}
expect_grep() { # pattern file what
    if ! grep -q -- "$1" "$2"; then echo "expected /$1/ in $3:"; sed 's/^/  | /' "$2"; fails=$((fails + 1)); fi
}
expect_no_grep() { # pattern file what
    if grep -q -- "$1" "$2"; then echo "did not expect /$1/ in $3:"; sed 's/^/  | /' "$2"; fails=$((fails + 1)); fi
}
expect_lines() { # n file what
    n=$(wc -l <"$2" | tr -d ' ')
    if [ "$n" != "$1" ]; then echo "expected $1 lines in $3, got $n:"; sed 's/^/  | /' "$2"; fails=$((fails + 1)); fi
}
finish() { [ $fails = 0 ]; }
PACK="--rules tests/golden/_pack"
