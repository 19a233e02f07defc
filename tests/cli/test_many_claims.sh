# Many claims in one file: 64k claims (2.6 MB of the same two true sentences
# and one false one at the end). All are checked, the false one is reported
# at its line, and the true ones stay quiet. The timeout only stops a run
# that would never end; how time grows with claims is measured by make bench
# (docs/performance.md), not here.
. tests/cli/lib.sh
f="$WORK/many.txt"
printf '截至2024年10月，共有148项干细胞药物IND申请获受理。\n截至2024年10月，其中106项干细胞药物IND已获批。\n' >"$f"
i=0
while [ $i -lt 15 ]; do cat "$f" "$f" >"$f.2"; mv "$f.2" "$f"; i=$((i + 1)); done
printf '截至2024年10月，其中160项干细胞药物IND已获批。\n' >>"$f"

timeout 300 $CLAIMLINT -q $PACK "$f" >"$WORK/out" 2>"$WORK/err"
status=$?
expect_status 1 $status "64k claims"
expect_grep "many.txt:65537:28: warning: 160项" "$WORK/out" "stdout"
expect_lines 2 "$WORK/out" "stdout: the one finding and its note"
finish
