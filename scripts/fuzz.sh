#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ (docs/hardening.md) under
# AddressSanitizer + UndefinedBehaviorSanitizer.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS is the time per target (default 600); TARGETs are any of formula,
# deadline, period, json, ndjson, csv (default: all).  Two targets run at a
# time (FUZZ_JOBS=1 for one).  Builds build-fuzz with clang when it is
# missing.  Each target's working corpus is build-fuzz/corpus/<target>,
# kept between runs and seeded from fuzz/corpus, tests/bad_inputs,
# docs/examples, data/ and ../shared/data; a crash is saved under
# build-fuzz/crashes/<target>/ and makes the script fail.  One line per
# target gives its runs and execs/s; build-fuzz/fuzz.xml the outcome as a
# JUnit report.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(formula deadline period json ndjson csv)
jobs=${FUZZ_JOBS:-2}
# The import targets keep their database and scratch file in TMPDIR:
# memory, where there is some, spares the disk every commit's sync.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    export TMPDIR=/dev/shm
fi

if [ ! -f build-fuzz/build.ninja ]; then
    CC=clang meson setup build-fuzz --werror -Dfuzz=enabled -Dtests=false \
        -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
ninja -C build-fuzz -j2 >/dev/null

# Copies seed files into a corpus folder (names prefixed by where they came
# from, so seeds with the same name do not overwrite each other).
seed() {
    local dest=$1 prefix=$2
    shift 2
    local f
    for f in "$@"; do
        [ -f "$f" ] && cp "$f" "$dest/$prefix-$(basename "$f")"
    done
    return 0
}

# Seeds from the data: one file per formula of the catalogue, one per
# deadline written in the shared task sheets.
extract() {
    python3 - "$@" <<'PY'
import csv, json, os, sys
kind, dest, *sources = sys.argv[1:]
n = 0
for src in sources:
    if not os.path.exists(src):
        continue
    if kind == "formula":
        texts = []
        def walk(v):
            if isinstance(v, dict):
                for k, x in v.items():
                    if k in ("formula", "numerator", "denominator") and isinstance(x, str):
                        texts.append(x)
                    walk(x)
            elif isinstance(v, list):
                for x in v:
                    walk(x)
        walk(json.load(open(src, encoding="utf-8")))
    else:
        texts = [row.get("deadline_text", "") for row in csv.DictReader(open(src, encoding="utf-8"))]
    for t in texts:
        if t:
            n += 1
            open(os.path.join(dest, f"data-{n:03d}"), "w", encoding="utf-8").write(t)
PY
}

prepare() {
    local t=$1 dir=build-fuzz/corpus/$1
    mkdir -p "$dir" "build-fuzz/crashes/$t"
    # Crashes of an earlier run are replayed first and forgotten once fixed.
    if [ -n "$(ls -A "build-fuzz/crashes/$t")" ] &&
        "build-fuzz/fuzz/fuzz_$t" "build-fuzz/crashes/$t"/* >/dev/null 2>&1; then
        rm -f "build-fuzz/crashes/$t"/*
    fi
    seed "$dir" seed fuzz/corpus/"$t"/*
    case $t in
    formula)
        seed "$dir" bad tests/bad_inputs/formula/*.txt
        extract formula "$dir" data/catalogue.json ;;
    deadline)
        seed "$dir" bad tests/bad_inputs/deadline/*.txt
        extract deadline "$dir" ../shared/data/*tasks*.csv ;;
    period)
        seed "$dir" bad tests/bad_inputs/period/*.txt ;;
    json)
        seed "$dir" bad tests/bad_inputs/json/*.json
        seed "$dir" doc docs/examples/*.json ;;
    ndjson)
        seed "$dir" bad tests/bad_inputs/ndjson/*.ndjson
        seed "$dir" doc docs/examples/*.ndjson ;;
    csv)
        seed "$dir" bad tests/bad_inputs/csv/*.csv
        seed "$dir" shared ../shared/data/*.csv ;;
    *)
        echo "fuzz: unknown target '$t'" >&2
        return 1 ;;
    esac
}

# Runs one target; its log is build-fuzz/fuzz-<target>.log.
run() {
    local t=$1 dict=()
    case $t in
    formula | deadline) dict=(-dict="fuzz/$t.dict") ;;
    json | ndjson) dict=(-dict=fuzz/json.dict) ;;
    esac
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        "build-fuzz/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 \
        -artifact_prefix="build-fuzz/crashes/$t/" -print_final_stats=1 "${dict[@]}" \
        "build-fuzz/corpus/$t" >"build-fuzz/fuzz-$t.log" 2>&1
}

for t in "${targets[@]}"; do
    prepare "$t"
done
running=0
for t in "${targets[@]}"; do
    run "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n || true
        running=$((running - 1))
    fi
done
wait || true

failed=0
cases=""
for t in "${targets[@]}"; do
    log=build-fuzz/fuzz-$t.log
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    inputs=$(find "build-fuzz/corpus/$t" -type f | wc -l)
    crashes=$(find "build-fuzz/crashes/$t" -type f | wc -l)
    if [ -z "$runs" ] || [ "$crashes" -gt 0 ] || grep -q "^==[0-9]*==ERROR\|rule broken" "$log"; then
        echo "fuzz $t: FAILED (${runs:-?} runs); see $log and build-fuzz/crashes/$t/"
        grep -m3 "rule broken\|ERROR:\|SUMMARY" "$log" || true
        failed=$((failed + 1))
        cases+="<testcase name=\"$t\"><failure message=\"see fuzz-$t.log\"/></testcase>"
    else
        echo "fuzz $t: $runs runs, $speed execs/s, corpus $inputs inputs, no crash"
        cases+="<testcase name=\"$t\"/>"
    fi
done
# The outcome as a JUnit report, counted by scripts/test.sh's closing line.
printf '<testsuite name="fuzz" tests="%d" failures="%d" errors="0" skipped="0">%s</testsuite>\n' \
    "${#targets[@]}" "$failed" "$cases" >build-fuzz/fuzz.xml
[ "$failed" -eq 0 ]
