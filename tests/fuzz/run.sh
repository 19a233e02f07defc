#!/bin/sh
# Run libFuzzer targets built by `make fuzz` (build-fuzz/<target>), each for
# SECONDS, at most PARALLEL at a time: `make fuzz-run` calls this.
#   tests/fuzz/run.sh SECONDS PARALLEL TARGET...
# Each target's corpus grows in build-fuzz/work/<target>/corpus, seeded from
# tests/fuzz/corpus/<target>/, which is only read; crashes, leaks and
# timeouts are written beside it. Prints libFuzzer's final line and stats for
# each target, and fails if any target stopped on a finding.
set -u
seconds=${1:?usage: run.sh SECONDS PARALLEL TARGET...}
parallel=${2:?usage: run.sh SECONDS PARALLEL TARGET...}
shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
: "${FUZZ_FLAGS:=-timeout=10 -rss_limit_mb=2048 -max_len=8192}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

one() {
    t=$1 work=build-fuzz/work/$1
    mkdir -p "$work/corpus"
    dict=""
    [ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
    # shellcheck disable=SC2086
    "build-fuzz/$t" $dict $FUZZ_FLAGS -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="$work/" "$work/corpus" "tests/fuzz/corpus/$t" >"$work/log" 2>&1
    status=$?
    {
        echo "== $t: ${seconds}s, exit status $status (log: $work/log)"
        grep -aE '^#[0-9]+[[:space:]]+DONE|^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' \
            "$work/log" | sed 's/^/   /'
        ls "$work" | grep -E '^(crash|leak|timeout|oom|slow-unit)-' | sed "s|^|   found: $work/|"
    } >"$work/summary"
    return $status
}

failed=""
running=0
for t in "$@"; do
    [ -x "build-fuzz/$t" ] || { echo "build-fuzz/$t is missing: run make fuzz"; exit 2; }
    echo "== $t for ${seconds}s"
    ( one "$t" ) &
    running=$((running + 1))
    if [ $running -ge "$parallel" ]; then wait; running=0; fi
done
wait
for t in "$@"; do
    cat "build-fuzz/work/$t/summary"
    grep -q 'exit status 0 ' "build-fuzz/work/$t/summary" || failed="$failed $t"
done
if [ -n "$failed" ]; then echo "== stopped on a finding:$failed"; exit 1; fi
