#!/bin/sh
# Install the Debian packages claimlint needs when they are missing.
# Usage: scripts/install-deps.sh build [test] [bench] [fuzz] [editors]
# As root it runs apt-get; as anyone else it prints the exact command and fails.
set -u

want_build=0 want_test=0 want_bench=0 want_fuzz=0 want_editors=0
for arg in "$@"; do
    case "$arg" in
        build) want_build=1 ;;
        test) want_build=1; want_test=1; want_editors=1 ;;
        bench) want_build=1; want_bench=1 ;;
        fuzz) want_build=1; want_fuzz=1 ;;
        editors) want_build=1; want_editors=1 ;;
        *) echo "install-deps.sh: unknown set '$arg'" >&2; exit 2 ;;
    esac
done

missing=""
need() { missing="$missing $1"; }
have_pc() { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$1"; }

if [ $want_build = 1 ]; then
    command -v cc >/dev/null 2>&1 || need gcc
    command -v make >/dev/null 2>&1 || need make
    command -v pkg-config >/dev/null 2>&1 || need pkg-config
    have_pc libpcre2-8 || need libpcre2-dev
    have_pc yaml-0.1 || need libyaml-dev
    have_pc opencc || need libopencc-dev
    have_pc libcmark || need libcmark-dev
    have_pc libxml-2.0 || need libxml2-dev
fi
if [ $want_test = 1 ]; then
    # Not the editors: tests/editors/ skips Vim, Neovim and Emacs when they are
    # missing, so `make test` stays light; the `editors` set installs them.
    have_pc cmocka || need libcmocka-dev
    command -v valgrind >/dev/null 2>&1 || need valgrind
    [ -x /usr/bin/time ] || need time
    # tests/cli/test_sarif_schema.sh validates the SARIF output with it.
    { command -v python3 >/dev/null 2>&1 && python3 -c 'import jsonschema' 2>/dev/null; } ||
        { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; } || need python3-jsonschema
    # docs/ci.md's examples: the Code Quality conversion and the pre-commit hook.
    command -v jq >/dev/null 2>&1 || need jq
    command -v pre-commit >/dev/null 2>&1 || need pre-commit
fi
if [ $want_editors = 1 ]; then
    command -v vim >/dev/null 2>&1 || need vim
    command -v nvim >/dev/null 2>&1 || need neovim
    command -v emacs >/dev/null 2>&1 || need emacs-nox
fi
if [ $want_bench = 1 ]; then
    command -v rg >/dev/null 2>&1 || need ripgrep
    [ -x /usr/bin/time ] || need time
    command -v valgrind >/dev/null 2>&1 || need valgrind
fi
if [ $want_fuzz = 1 ]; then
    command -v clang >/dev/null 2>&1 || need clang
    [ -n "$(ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a 2>/dev/null)" ] || need libclang-rt-14-dev
fi

[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" != 0 ]; then
    echo "claimlint needs these Debian packages:$missing" >&2
    echo "run as root:  apt-get update && $cmd" >&2
    exit 1
fi
echo "== installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || { echo "install-deps.sh: apt-get update failed" >&2; exit 1; }
apt-get install -y -qq --no-install-recommends $missing || { echo "install-deps.sh: '$cmd' failed" >&2; exit 1; }
