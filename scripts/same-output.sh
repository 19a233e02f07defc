#!/bin/sh
# Prove that a performance change left the output alone: run two builds of
# claimlint over the same paths in every output shape that matters (gcc with
# --verbose, json, sarif, --claims, extract) and compare standard output,
# standard error and the exit status byte for byte.
# Usage: scripts/same-output.sh OLD_BINARY NEW_BINARY PATH...
#   SAME_FORMATS="gcc claims"  limits the shapes (the bench corpus takes a
#   minute per shape and binary).
# Both binaries must load the same rules: run them from checkouts of the same
# rule pack, or pass --rules through SAME_ARGS.
set -u
old=${1:?usage: same-output.sh OLD_BINARY NEW_BINARY PATH...}
new=${2:?usage: same-output.sh OLD_BINARY NEW_BINARY PATH...}
shift 2
[ $# -gt 0 ] || { echo "same-output.sh: no paths" >&2; exit 2; }
formats=${SAME_FORMATS:-"gcc verbose json sarif claims extract"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
differ=0
for f in $formats; do
    case $f in
        gcc) args="" ;;
        verbose) args="--verbose" ;;
        json) args="--format=json" ;;
        sarif) args="--format=sarif" ;;
        claims) args="--claims" ;;
        extract) args="extract" ;;
        *) echo "same-output.sh: unknown shape '$f'" >&2; exit 2 ;;
    esac
    for b in old new; do
        eval bin=\$$b
        if [ "$f" = extract ]; then
            # shellcheck disable=SC2086
            "$bin" extract -j2 ${SAME_ARGS:-} "$@" >"$tmp/$b.out" 2>"$tmp/$b.err"
        else
            # shellcheck disable=SC2086
            "$bin" -j2 $args ${SAME_ARGS:-} "$@" >"$tmp/$b.out" 2>"$tmp/$b.err"
        fi
        echo $? >"$tmp/$b.status"
    done
    for part in out err status; do
        if ! cmp -s "$tmp/old.$part" "$tmp/new.$part"; then
            echo "DIFFERENT: $f, $part"
            diff "$tmp/old.$part" "$tmp/new.$part" | head -5
            differ=1
        fi
    done
    [ $differ = 1 ] || echo "same: $f ($(wc -l <"$tmp/new.out") lines, $(wc -c <"$tmp/new.out") bytes, status $(cat "$tmp/new.status"))"
done
exit $differ
