# A 1 GiB file of repeated article text is checked in bounded memory: max RSS
# under 512 MB (GNU time), and the finding planted in the last paragraph is
# reported with its line number. Files over 64 MiB are read in 32 MiB
# pieces (docs/reliability.md); about 30 s on two cores.
. tests/cli/lib.sh
if [ ! -x /usr/bin/time ]; then
    echo "SKIPPED: /usr/bin/time (GNU time) is not installed (scripts/install-deps.sh test)"; exit 0
fi
free_kb=$(df -Pk "$WORK" | awk 'NR == 2 { print $4 }')
if [ "${free_kb:-0}" -lt 2200000 ]; then
    echo "SKIPPED: less than 2.1 GB free in $WORK"; exit 0
fi
# One paragraph of article text, padded to exactly 1 KiB: numbers, dates and
# counts the pack does not claim anything about, so that the file is long
# rather than full of findings (many claims are test_many_claims.sh's).
para="$WORK/para"
printf '干细胞药物进展\n记者 王明\n2021年，中国细胞治疗研发管线数量达到695项，超过美国，成为全球领先者。\n' >"$para"
printf '截至2024年9月，中国在细胞疗法领域共有约64项IND和NDA申请进展，其中60项为IND申请。\n' >>"$para"
printf 'More than 50 financing deals, worth over 5 billion yuan, were reported in 2025.\n' >>"$para"
pad=$((1024 - $(wc -c <"$para") - 1))
head -c $pad /dev/zero | tr '\0' '.' >>"$para"
printf '\n' >>"$para"
[ "$(wc -c <"$para")" = 1024 ] || { echo "bad paragraph size"; exit 1; }
grow() { # file, doublings
    cp "$para" "$1"; i=0
    while [ $i -lt "$2" ]; do cat "$1" "$1" >"$1.2"; mv "$1.2" "$1"; i=$((i + 1)); done
    printf '截至2024年10月，其中160项干细胞药物IND已获批。\n' >>"$1"
}
rss_mb() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1" | awk '{ print int($1 / 1024) }'; }

grow "$WORK/huge.txt" 20  # 1 GiB
lines=$((6 * 1048576 + 1))
/usr/bin/time -v timeout 3600 $CLAIMLINT -q $PACK "$WORK/huge.txt" >"$WORK/out" 2>"$WORK/time"
status=$?
rss=$(rss_mb "$WORK/time")
rm -f "$WORK/huge.txt"
expect_status 1 $status "a 1 GiB file"
expect_grep "huge.txt:$lines:28: warning: 160项 stem-cell INDs cleared" "$WORK/out" "stdout"
expect_lines 2 "$WORK/out" "stdout: the one finding and its note"
if [ "${rss:-9999}" -ge 512 ]; then echo "max RSS $rss MB for 1 GiB (limit 512)"; fails=$((fails + 1)); fi
echo "1 GiB checked with max RSS $rss MB"
finish
