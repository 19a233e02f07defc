# --format=sarif validated against the SARIF 2.1.0 JSON schema (vendored in
# tests/cli/sarif-schema/) with Python's jsonschema: findings with notes,
# problems with the input, no findings at all, both column units, and the
# shipped rules on corpus/ (every rule's help text in tool.driver.rules).
# The fields GitHub code scanning reads are asserted by tests/unit/test_formats.c.
. tests/cli/lib.sh
schema=tests/cli/sarif-schema/sarif-2.1.0-rtm.5.json
py=
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import jsonschema' 2>/dev/null; then py=$p; break; fi
done
if [ -z "$py" ]; then
    echo "SKIPPED: no python3 with jsonschema (scripts/install-deps.sh test installs python3-jsonschema)"
    exit 0
fi

printf '截至2024年10月，其中160项干细胞药物IND已获批。\n𠮷𠮷：山中仲弥获奖。\n' >"$WORK/a.txt"
printf 'ab\377\376 山中仲弥获奖。\n' >"$WORK/bad.txt"
printf 'nothing to see\n' >"$WORK/clean.txt"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0' >"$WORK/binary.txt"
$CLAIMLINT $PACK -q --format=sarif "$WORK/a.txt" "$WORK/bad.txt" "$WORK/binary.txt" >"$WORK/findings.sarif"
expect_status 1 $? "SARIF with findings"
$CLAIMLINT $PACK -q --format=sarif --column-unit=char "$WORK/a.txt" >"$WORK/char.sarif"
expect_status 1 $? "SARIF in code points"
$CLAIMLINT $PACK -q --format=sarif "$WORK/clean.txt" >"$WORK/clean.sarif"
expect_status 0 $? "SARIF without findings"
$CLAIMLINT -q --format=sarif corpus/ >"$WORK/corpus.sarif"
expect_status 1 $? "SARIF of corpus/ with the shipped rules"

cat >"$WORK/validate.py" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
bad = 0
for path in sys.argv[2:]:
    log = json.load(open(path, encoding="utf-8"))
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    for e in errors[:20]:
        print("%s: %s: %s" % (path, "/".join(map(str, e.path)), e.message[:300]))
    results = sum(len(run.get("results", [])) for run in log["runs"])
    # GitHub code scanning also wants a region with a startLine on every
    # result (SARIF rule GH1003), which the schema does not require.
    for run in log["runs"]:
        for r in run.get("results", []):
            for loc in r.get("locations", []):
                if "startLine" not in loc.get("physicalLocation", {}).get("region", {}):
                    print("%s: %s: no region.startLine (GitHub GH1003)" % (path, r["message"]["text"]))
                    bad += 1
    print("%s: %d results, %d schema errors" % (path, results, len(errors)))
    bad += len(errors)
sys.exit(1 if bad else 0)
PY
# The validator is strict: a column kind SARIF does not define and a line 0
# are both rejected (so a pass below means something).
sed 's/"utf16CodeUnits"/"bytes"/; s/"startLine":1,/"startLine":0,/' "$WORK/findings.sarif" >"$WORK/broken.json"
"$py" "$WORK/validate.py" "$schema" "$WORK/broken.json" >"$WORK/broken.report" 2>&1
expect_status 1 $? "validation of a broken SARIF document"
expect_grep "columnKind: 'bytes' is not one of" "$WORK/broken.report" "the report on the broken document"
expect_grep "startLine: 0 is less than the minimum of 1" "$WORK/broken.report" "the report on the broken document"
"$py" "$WORK/validate.py" "$schema" "$WORK"/*.sarif >"$WORK/report" 2>&1
expect_status 0 $? "validation against $schema"
grep -q 'schema errors' "$WORK/report" || { echo "the validator did not run"; fails=$((fails + 1)); }
grep -v ' 0 schema errors$' "$WORK/report" | sed 's/^/  | /'
# Each document had something to validate (corpus/ has findings in many files).
expect_grep 'findings.sarif: [1-9][0-9]* results' "$WORK/report" "the validator's report"
expect_grep 'corpus.sarif: [1-9][0-9]* results' "$WORK/report" "the validator's report"
expect_grep 'clean.sarif: 0 results' "$WORK/report" "the validator's report"
finish
