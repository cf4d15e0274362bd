#!/usr/bin/env bash
# Runs every test: the suite on the normal build, clang-tidy (.clang-tidy),
# the suite on a clean clone without ../shared, then again under
# AddressSanitizer + UndefinedBehaviorSanitizer, the C tests under valgrind,
# short runs of the libFuzzer targets (docs/hardening.md), and the bindings'
# tests.  Sets up what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "== tests (build)"
meson test -C build --print-errorlogs

echo "== clang-tidy over lib/ and cli/ (.clang-tidy; any finding fails), clang-format (.clang-format)"
scripts/tidy.sh build

echo "== a clean clone without ../shared beside it: builds, and the tests that read the shared data are SKIPs"
# What is committed (HEAD), cloned where no ../shared is; the project's .venv.
alone="$(mktemp -d)"
git clone -q . "$alone/libr57"
ln -s "$PWD/.venv" "$alone/libr57/.venv"
(cd "$alone/libr57" && meson setup build --werror >/dev/null && ninja -C build >/dev/null &&
    meson test -C build --no-suite oom --no-suite crash --print-errorlogs | tail -8)
rm -rf "$alone"

echo "== the labelled 6-clear corpus: precision and recall of \"vague\" per field (tests/six_clear)"
build/tests/test_six_clear | sed -n '/ texts, /,$p'
echo "-- the second corpus (tests/six_clear/holdout.tsv, labelled after the rules were written)"
build/tests/test_six_clear tests/six_clear/holdout.tsv | sed -n '/ texts, /,$p'

echo "== tests under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan)"
if [ ! -f build-asan/build.ninja ]; then
    meson setup build-asan --werror -Db_sanitize=address,undefined -Db_lundef=false \
        -Dbuildtype=debug >/dev/null
fi
ninja -C build-asan >/dev/null
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    meson test -C build-asan --print-errorlogs

echo "== C tests under valgrind (memcheck, errors and definite leaks fatal; build)"
# The OOM scenarios (suite oom) are left out: each fails thousands of
# allocations in turn, and they run under LeakSanitizer in build-asan above.
# Check's and meson's timeouts are stretched to valgrind's pace.
CK_TIMEOUT_MULTIPLIER=10 meson test -C build --no-rebuild --suite unit --no-suite oom \
    --timeout-multiplier 5 --logbase testlog --print-errorlogs \
    --wrapper 'valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite'

echo "== fuzzing: each libFuzzer target 30 s under ASan + UBSan (build-fuzz, docs/hardening.md)"
scripts/fuzz.sh 30

echo "== Python binding (pip install . into .venv, then pytest)"
.venv/bin/python -m pip install -q --no-build-isolation --disable-pip-version-check . >/dev/null
(cd build && ../.venv/bin/python -m pytest -q --junitxml=pytest.xml ../bindings/python/tests)

echo "== Java binding (mvn install: its JUnit tests), then the example portal's tests"
rm -rf bindings/java/target/surefire-reports examples/java/target/surefire-reports
(cd bindings/java && mvn -q -B install)
(cd examples/java && mvn -q -B test)

# One closing line for every run (meson's logs; pytest's, Surefire's and the fuzz
# runs' reports).
.venv/bin/python - build/meson-logs/testlog.json build-asan/meson-logs/testlog.json build/meson-logs/testlog-valgrind.json \
    build/pytest.xml build-fuzz/fuzz.xml \
    bindings/java/target/surefire-reports/TEST-*.xml examples/java/target/surefire-reports/TEST-*.xml <<'PY'
import json, sys
import xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in sys.argv[1:]:
    if "*" in path:  # a glob that matched nothing
        continue
    if path.endswith(".xml"):
        for suite in ET.parse(path).getroot().iter("testsuite"):
            total, fails = int(suite.get("tests")), int(suite.get("failures")) + int(suite.get("errors"))
            skips = int(suite.get("skipped"))
            passed += total - fails - skips
            failed += fails
            skipped += skips
        continue
    for line in open(path):
        r = json.loads(line)["result"]
        if r in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif r == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
PY
