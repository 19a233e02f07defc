#!/bin/sh
# The editor integrations of docs/editors.md, tried for real: Vim and Neovim
# (quickfix), Emacs (compilation-mode) and VS Code's problem matcher. An
# editor that is not installed is SKIPPED, not failed: they are optional.
set -u
bin=${1:?usage: run.sh path/to/claimlint}
dir=$(dirname "$0")
pass=0 fail=0
for t in vim.sh emacs.sh vscode-problem-matcher.sh docs.sh; do
    if sh "$dir/$t" "$bin"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "editors: $pass passed, $fail failed"
[ $fail = 0 ]
