#!/bin/sh
# Vim's quickfix on claimlint's output, for real: Vim (and Neovim, when it is
# installed) loads the compiler plugin of docs/examples/vim, runs :make on
# tests/editors/article.txt and jumps to each entry; tests/editors/check.vim
# asserts the cursor lands on the claim's first character. Vim is optional:
# without it the test says SKIPPED and passes.
set -u
bin=${1:?usage: vim.sh path/to/claimlint}
case "$bin" in /*) ;; *) bin="$(pwd)/$bin" ;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)

run() { # name command...
    name=$1; shift
    work=$(mktemp -d) || exit 2
    mkdir "$work/bin"
    ln -s "$bin" "$work/bin/claimlint"
    cp "$root/tests/editors/article.txt" "$work/"
    # The editor's own flag (--column-unit=byte) must win over the configuration.
    printf 'rules: [%s/tests/golden/_pack]\ncolumn_unit: display\nseverity: {t-name: error}\n' "$root" >"$work/.claimlint.yaml"
    (cd "$work" && PATH="$work/bin:$PATH" HOME="$work" "$@" </dev/null >"$work/editor.out" 2>&1)
    status=$?
    if [ $status = 0 ] && [ -f "$work/check.log" ] && ! grep -q '^FAIL' "$work/check.log"; then
        echo "editors/$name: $(grep -c '^ok' "$work/check.log") checks passed"
        rm -rf "$work"
        return 0
    fi
    echo "FAIL editors/$name (exit status $status)"
    [ -f "$work/check.log" ] && sed 's/^/   /' "$work/check.log"
    sed 's/^/   | /' "$work/editor.out"
    rm -rf "$work"
    return 1
}

fails=0
if command -v vim >/dev/null 2>&1 && vim --version 2>/dev/null | grep -q '+quickfix'; then
    run vim vim -Nu NONE -i NONE -es \
        --cmd "set rtp^=$root/docs/examples/vim" --cmd "let g:claimlint_root = '$root'" \
        -S "$root/tests/editors/check.vim" || fails=$((fails + 1))
else
    echo "editors/vim: SKIPPED: vim not installed (apt-get install vim)"
fi
if command -v nvim >/dev/null 2>&1; then
    run neovim nvim --headless -u NONE -i NONE -n \
        --cmd "set rtp^=$root/docs/examples/vim" --cmd "let g:claimlint_root = '$root'" \
        -S "$root/tests/editors/check.vim" || fails=$((fails + 1))
else
    echo "editors/neovim: SKIPPED: nvim not installed (apt-get install neovim)"
fi
[ $fails = 0 ]
