#!/bin/sh
# docs/editors.md quotes the files under docs/examples/ that the editor tests
# load: every line of each must appear in it, so the page cannot drift from
# what was tested.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
doc="$root/docs/editors.md"
fails=0 n=0
for f in docs/examples/vim/compiler/claimlint.vim docs/examples/nvim/claimlint-diagnostics.lua \
         docs/examples/emacs/claimlint.el docs/examples/vscode/tasks.json; do
    n=$((n + 1))
    while IFS= read -r line; do
        [ -n "$line" ] || continue
        if ! grep -F -x -q -- "$line" "$doc"; then
            echo "FAIL editors/docs: docs/editors.md lacks this line of $f:"
            echo "   $line"
            fails=$((fails + 1))
        fi
    done <"$root/$f"
done
[ $fails = 0 ] && echo "editors/docs: docs/editors.md quotes the $n example files"
[ $fails = 0 ]
