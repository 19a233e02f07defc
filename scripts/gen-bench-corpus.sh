#!/bin/sh
# Generate the benchmark corpus: the articles of corpus/ multiplied and
# varied until they weigh at least MB megabytes, in directories of 1000
# files. Deterministic: the same MB gives the same files.
# Usage: scripts/gen-bench-corpus.sh OUT_DIR MB
set -eu
out=${1:?usage: gen-bench-corpus.sh OUT_DIR MB}
mb=${2:?usage: gen-bench-corpus.sh OUT_DIR MB}
root=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$out"
mkdir -p "$out"
# One awk process reads every article once, then writes copies whose numbers
# are varied (the last digit of each number shifted by the copy's index), so
# claims, findings and cross-file comparisons differ from copy to copy.
find "$root/corpus" -maxdepth 1 -type f \( -name '*.txt' -o -name '*.md' \) ! -name 'README*' | sort |
awk -v out="$out" -v target="$((mb * 1024 * 1024))" '
{
    files[NR] = $0
}
END {
    n = 0
    for (i = 1; i in files; i++) {
        path = files[i]
        text = ""
        while ((getline line < path) > 0)
            text = text line "\n"
        close(path)
        art[++n] = text
        ext[n] = path ~ /\.md$/ ? "md" : "txt"
    }
    total = 0
    for (k = 0; total < target; k++) {
        a = k % n + 1
        shift = int(k / n) % 10
        src = art[a]
        dst = ""
        # vary every digit run: its last digit moves by `shift`
        while (match(src, /[0-9]+/)) {
            num = substr(src, RSTART, RLENGTH)
            last = substr(num, RLENGTH, 1)
            if (shift && RLENGTH <= 4 && num !~ /^(19|20)[0-9][0-9]$/)
                num = substr(num, 1, RLENGTH - 1) ((last + shift) % 10)
            dst = dst substr(src, 1, RSTART - 1) num
            src = substr(src, RSTART + RLENGTH)
        }
        dst = dst src
        dir = sprintf("%s/%04d", out, int(k / 1000))
        if (k % 1000 == 0)
            system("mkdir -p " dir)
        file = sprintf("%s/article-%06d.%s", dir, k, ext[a])
        printf "%s", dst > file
        close(file)
        total += length(dst)
    }
    printf "%d files, %d bytes\n", k, total > "/dev/stderr"
}'
