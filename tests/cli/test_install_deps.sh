# scripts/install-deps.sh, which `make run` and `make test` call first: as a
# user other than root it prints the exact apt-get line and fails without
# running apt-get; as root it runs that line. Run against stubs (id, apt-get,
# pkg-config that finds nothing) in a PATH of their own, so nothing is installed
# and the result does not depend on who runs the test.
. tests/cli/lib.sh
stub="$WORK/bin"
mkdir -p "$stub"
for c in sh cat command ls dirname; do
    p=$(command -v "$c" 2>/dev/null) && case "$p" in /*) ln -sf "$p" "$stub/$c" ;; esac
done
printf '#!/bin/sh\nexit 1\n' >"$stub/pkg-config"
printf '#!/bin/sh\necho "$*" >>"%s/apt.log"\n' "$WORK" >"$stub/apt-get"
printf '#!/bin/sh\necho "${FAKE_UID:-1000}"\n' >"$stub/id"
chmod +x "$stub/pkg-config" "$stub/apt-get" "$stub/id"
# cc and make are found (symlinked); the libraries are not.
for c in cc make; do p=$(command -v "$c") && ln -sf "$p" "$stub/$c"; done
pkgs="libpcre2-dev libyaml-dev libopencc-dev libcmark-dev libxml2-dev libcmocka-dev"

FAKE_UID=1000 PATH="$stub" sh scripts/install-deps.sh build test >"$WORK/out" 2>"$WORK/err"
expect_status 1 $? "install-deps.sh as a user"
expect_grep "^run as root:  apt-get update && apt-get install -y --no-install-recommends $pkgs" "$WORK/err" "the apt-get line"
[ -e "$WORK/apt.log" ] && { echo "apt-get ran as a user:"; cat "$WORK/apt.log"; fails=$((fails + 1)); }

# `make run` stops there, before building anything.
FAKE_UID=1000 PATH="$stub" make -s --no-print-directory BUILD="$WORK/build" run >"$WORK/out" 2>"$WORK/err"
[ $? != 0 ] || { echo "make run went on without the packages"; fails=$((fails + 1)); }
expect_grep "apt-get install -y --no-install-recommends libpcre2-dev libyaml-dev libopencc-dev libcmark-dev libxml2-dev$" "$WORK/err" "make run's apt-get line"
[ -e "$WORK/build" ] && { echo "make run built something without the packages"; fails=$((fails + 1)); }

FAKE_UID=0 PATH="$stub" sh scripts/install-deps.sh build test >"$WORK/out" 2>"$WORK/err"
expect_status 0 $? "install-deps.sh as root"
expect_grep "^install -y -qq --no-install-recommends $pkgs" "$WORK/apt.log" "apt-get as root"
finish
