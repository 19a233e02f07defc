#!/bin/sh
# The modules of src/ depend in one direction only (docs/architecture.md):
#   base -> text -> value -> data -> match -> check -> output -> api -> cli
# A module may include its own headers and those of earlier layers; the
# public header claimlint.h may be included anywhere (it declares types only
# to the layers below api). cli may include claimlint.h and nothing else.
set -u
cd "$(dirname "$0")/.." || exit 2
order="base text value data match check output api cli"
rank() { i=0; for m in $order; do [ "$m" = "$1" ] && { echo $i; return; }; i=$((i + 1)); done; echo 99; }
bad=0
for f in src/*/*.c src/*/*.h; do
    mod=$(basename "$(dirname "$f")")
    r=$(rank "$mod")
    grep -o '#include "[a-z]*/[a-z_]*\.h"' "$f" | sed 's/#include "\([a-z]*\)\/.*/\1/' | while read -r dep; do
        d=$(rank "$dep")
        if [ "$mod" = cli ] || [ "$d" -gt "$r" ]; then
            echo "$f: includes a header of '$dep', a later layer than '$mod'" ; echo x
        fi
    done
done | grep -v '^x$' >/tmp/cl-layers.$$
if [ -s /tmp/cl-layers.$$ ]; then cat /tmp/cl-layers.$$; bad=1; fi
rm -f /tmp/cl-layers.$$
[ $bad = 0 ] && echo "layers: every include points to an earlier layer"
exit $bad
