# Each file gets the configuration of its own directory, even though the
# search is done once per directory (files come in path order): a symbolic
# link is looked up from where it leads, directories with and without a
# configuration alternate, and a subdirectory inherits its parent's.
. tests/cli/lib.sh
d="$WORK/tree"
mkdir -p "$d/a/sub" "$d/b" "$d/c"
printf 'version: 1\nignore: [one.txt]\n' >"$d/a/.claimlint.yaml"
printf 'version: 1\nignore: [x.txt]\n' >"$d/b/.claimlint.yaml"
for f in a/one.txt a/two.txt a/sub/one.txt a/sub/three.txt b/x.txt b/y.txt c/one.txt c/x.txt; do
    printf 'hello\n' >"$d/$f"
done
# c/link.txt leads to b/x.txt, which b's configuration ignores.
ln -s ../b/x.txt "$d/c/link.txt"
$CLAIMLINT -j1 "$d" >"$WORK/out" 2>"$WORK/err"
expect_status 0 $? "a tree of configurations"
# Checked: a/two.txt, a/sub/three.txt, b/y.txt, c/one.txt, c/x.txt (c has
# no configuration); ignored: a/one.txt, a/sub/one.txt (a's glob matches
# the base name), b/x.txt and c/link.txt (from b).
expect_grep '^no findings in 5 files$' "$WORK/err" "the summary"
$CLAIMLINT -j1 --stats "$d/c/one.txt" "$d/c/link.txt" "$d/c/x.txt" >"$WORK/out" 2>"$WORK/err"
expect_grep '^stats: 2 files' "$WORK/err" "the link between two plain files"
finish
