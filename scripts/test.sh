#!/usr/bin/env bash
# Runs every test: the suite on the normal build, then again under
# AddressSanitizer + UndefinedBehaviorSanitizer.  Sets up what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "== tests (build)"
meson test -C build --print-errorlogs

echo "== tests under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan)"
if [ ! -f build-asan/build.ninja ]; then
    meson setup build-asan --werror -Db_sanitize=address,undefined -Db_lundef=false \
        -Dbuildtype=debug >/dev/null
fi
ninja -C build-asan >/dev/null
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    meson test -C build-asan --print-errorlogs
