# The CI examples of docs/ci.md, run for real where they can be: the claimlint
# commands of the GitHub workflow and of the GitLab job, the GitLab job's jq
# conversion to a Code Quality report (when jq is installed), and the
# pre-commit hook through `pre-commit try-repo` (when pre-commit is installed).
# Their YAML structure is checked by tests/unit/test_examples.c.
. tests/cli/lib.sh
root=$(pwd)
workflow=docs/examples/github-workflow.yml
gitlab=docs/examples/gitlab-ci.yml

mkdir -p "$WORK/bin" "$WORK/repo/articles"
ln -s "$CLAIMLINT" "$WORK/bin/claimlint"
PATH="$WORK/bin:$PATH"
cd "$WORK/repo" || exit 2
printf 'rules: [%s/tests/golden/_pack]\nseverity: {t-name: error}\n' "$root" >.claimlint.yaml
# Two copies of one finding (the same fingerprint), and a second file.
printf '山中仲弥获奖。\n山中仲弥再次获奖。\n' >articles/a.md
printf '截至2024年10月，其中160项干细胞药物IND已获批。\n' >articles/b.txt

# ---- GitHub Actions: the `run:` lines that call claimlint -----------------
sed -n 's/^ *run: \(claimlint .*\)$/\1/p' "$root/$workflow" >"$WORK/gh-runs"
expect_lines 2 "$WORK/gh-runs" "claimlint run: lines of $workflow"
sarif_step=$(sed -n 1p "$WORK/gh-runs")
github_step=$(sed -n 2p "$WORK/gh-runs")
ARTICLES=articles/ sh -c "$sarif_step" 2>"$WORK/err"
expect_status 0 $? "the SARIF step with findings (exit 1 is accepted)"
expect_grep '"version":"2.1.0"' claimlint.sarif "claimlint.sarif"
expect_grep '"uri":"articles/a.md"' claimlint.sarif "claimlint.sarif (paths relative to the checkout)"
ARTICLES=missing/ sh -c "$sarif_step" 2>"$WORK/err"
status=$?
[ $status -ne 0 ] || { echo "the SARIF step passed on a missing path"; fails=$((fails + 1)); }
ARTICLES=articles/ sh -c "$github_step" >"$WORK/out" 2>"$WORK/err"
expect_status 1 $? "the annotation step fails the job on findings"
expect_grep '^::error file=articles/a.md,line=1,col=1,' "$WORK/out" "workflow commands"
expect_grep '^::warning file=articles/b.txt,line=1,col=14,' "$WORK/out" "workflow commands"

# ---- GitLab CI: the script lines and the Code Quality report --------------
json_step=$(sed -n 's/^ *- \(claimlint --format=json .*\)$/\1/p' "$root/$gitlab")
ARTICLES=./articles/ sh -c "$json_step" 2>"$WORK/err"
expect_status 0 $? "the GitLab JSON step with findings"
expect_grep '"status":1' claimlint.json "claimlint.json"
# The jq program: from the line starting "jq '" to the one ending
# "' claimlint.json > gl-code-quality-report.json".
sed -n "/^ *jq '/,/' claimlint.json > gl-code-quality-report.json\$/p" "$root/$gitlab" |
    sed "s/^ *//; s/^jq '//; s/' claimlint.json > gl-code-quality-report.json\$//" >"$WORK/codequality.jq"
expect_grep 'fingerprint' "$WORK/codequality.jq" "the jq program taken from $gitlab"
if command -v jq >/dev/null 2>&1; then
    jq -f "$WORK/codequality.jq" claimlint.json >gl-code-quality-report.json
    expect_status 0 $? "jq with the program of $gitlab"
    # GitLab's required fields, with their types; fingerprints unique.
    jq -r '
      (length | tostring),
      (map(.fingerprint) | unique | length | tostring),
      (.[] | [(.description | type), (.check_name | type), (.fingerprint | type), .severity,
              .location.path, (.location.lines.begin | tostring)] | join(" "))' \
      gl-code-quality-report.json >"$WORK/cq"
    cat >"$WORK/cq.want" <<'EOT'
3
3
string string string major articles/a.md 1
string string string major articles/a.md 2
string string string minor articles/b.txt 1
EOT
    # group_by orders by fingerprint: compare as sets beyond the two counts.
    { sed -n 1,2p "$WORK/cq"; sed -n '3,$p' "$WORK/cq" | sort; } >"$WORK/cq.sorted"
    if ! cmp -s "$WORK/cq.want" "$WORK/cq.sorted"; then
        echo "the Code Quality report is not as expected:"; diff "$WORK/cq.want" "$WORK/cq.sorted"
        fails=$((fails + 1))
    fi
else
    echo "SKIPPED: jq not installed: the Code Quality conversion was not run"
fi

# ---- pre-commit: the hook of .pre-commit-hooks.yaml -----------------------
if command -v pre-commit >/dev/null 2>&1 && command -v git >/dev/null 2>&1 &&
   git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
    printf 'x: 山中仲弥\n' >not-an-article.yaml
    git init -q . && git add .
    PRE_COMMIT_HOME="$WORK/pre-commit-home" pre-commit try-repo "$root" claimlint --all-files \
        >"$WORK/out" 2>&1
    expect_status 1 $? "pre-commit try-repo with findings"
    expect_grep '^claimlint\.*Failed' "$WORK/out" "pre-commit output"
    expect_grep "^articles/a.md:1:1: error: '山中仲弥' is a misspelling" "$WORK/out" "pre-commit output"
    expect_grep 'in 2 of 2 files' "$WORK/out" "pre-commit output (one run over both articles, not the .yaml)"
    printf '山中伸弥获奖。\n' >articles/a.md
    printf 'fine.\n' >articles/b.txt
    PRE_COMMIT_HOME="$WORK/pre-commit-home" pre-commit try-repo "$root" claimlint --all-files \
        >"$WORK/out" 2>&1
    expect_status 0 $? "pre-commit try-repo without findings"
    expect_grep '^claimlint\.*Passed' "$WORK/out" "pre-commit output"
else
    echo "SKIPPED: pre-commit not installed: the hook was not run"
fi
# ---- docs/ci.md quotes the examples as they are ---------------------------
quoted() { # file: its lines must all be in docs/ci.md
    while IFS= read -r line; do
        [ -n "$line" ] || continue
        grep -F -x -q -- "$line" "$root/docs/ci.md" ||
            { echo "docs/ci.md lacks this line of $1: $line"; fails=$((fails + 1)); }
    done
}
# (Through a file: the right side of a pipe would count its failures in a subshell.)
grep -v '^#' "$root/.pre-commit-hooks.yaml" >"$WORK/q"; quoted .pre-commit-hooks.yaml <"$WORK/q"
sed -n '/^  script:/,$p' "$root/$gitlab" >"$WORK/q"; quoted "$gitlab" <"$WORK/q"
sed -n '/- name: claimlint (SARIF)/,$p' "$root/$workflow" >"$WORK/q"; quoted "$workflow" <"$WORK/q"
sed -n '/^repos:/,$p' "$root/docs/examples/pre-commit-config.yaml" >"$WORK/q"
quoted docs/examples/pre-commit-config.yaml <"$WORK/q"
finish
