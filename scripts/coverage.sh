#!/usr/bin/env bash
# Line and branch coverage of the library (lib/) by the whole test suite,
# with gcovr (docs/hardening.md).
#
#   scripts/coverage.sh
#
# Builds build-coverage (gcc --coverage, no optimisation) when it is
# missing, runs every meson test there (the OOM scenarios and the crash
# test included: they are what reaches the error paths), and writes
#   build-coverage/coverage/index.html   per file and per line, browsable
#   build-coverage/coverage/coverage.txt lines per file
#   build-coverage/coverage/branches.txt branches per file
# then prints the totals.  Installs what is missing through scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v gcovr >/dev/null || [ ! -x .venv/bin/python3 ]; then
    scripts/setup.sh
fi
if [ ! -f build-coverage/build.ninja ]; then
    meson setup build-coverage --werror -Db_coverage=true -Dbuildtype=debug >/dev/null
fi
ninja -C build-coverage >/dev/null
# Counts from an earlier run would add up with this one's.
find build-coverage -name '*.gcda' -delete
meson test -C build-coverage --num-processes 2 --print-errorlogs >/dev/null

out=build-coverage/coverage
mkdir -p "$out"
common=(--root . --object-directory build-coverage --filter 'lib/' --exclude-unreachable-branches)
gcovr "${common[@]}" --txt "$out/coverage.txt" --html-details "$out/index.html" \
    --print-summary
gcovr "${common[@]}" --branches --txt "$out/branches.txt" >/dev/null
echo "coverage: $out/index.html (per line), $out/coverage.txt, $out/branches.txt"
