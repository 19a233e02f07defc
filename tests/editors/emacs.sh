#!/bin/sh
# Emacs' compilation-mode on claimlint's output, for real: `emacs --batch`
# runs claimlint through M-x claimlint (docs/examples/emacs/claimlint.el) and
# through plain M-x compile, and tests/editors/check.el asserts that
# first-error/next-error put point on the claim's first character. Emacs is
# optional: without it the test says SKIPPED and passes.
set -u
bin=${1:?usage: emacs.sh path/to/claimlint}
case "$bin" in /*) ;; *) bin="$(pwd)/$bin" ;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)

if ! command -v emacs >/dev/null 2>&1; then
    echo "editors/emacs: SKIPPED: emacs not installed (apt-get install emacs-nox)"
    exit 0
fi
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"
ln -s "$bin" "$work/bin/claimlint"
cp "$root/tests/editors/article.txt" "$work/"
# The editor's own flag must win over the configuration's column_unit.
printf 'rules: [%s/tests/golden/_pack]\ncolumn_unit: byte\nseverity: {t-name: error}\n' "$root" >"$work/.claimlint.yaml"
(cd "$work" && PATH="$work/bin:$PATH" HOME="$work" CLAIMLINT_ROOT="$root" \
    emacs --batch -Q -l "$root/tests/editors/check.el" </dev/null >"$work/emacs.out" 2>&1)
status=$?
if [ $status = 0 ] && [ -f "$work/check.log" ] && ! grep -q '^FAIL' "$work/check.log"; then
    echo "editors/emacs: $(grep -c '^ok' "$work/check.log") checks passed"
    exit 0
fi
echo "FAIL editors/emacs (exit status $status)"
[ -f "$work/check.log" ] && sed 's/^/   /' "$work/check.log"
sed 's/^/   | /' "$work/emacs.out"
exit 1
