#!/usr/bin/env bash
# clang-tidy with the checks of .clang-tidy over lib/*.c and cli/*.c, with
# the compile commands of a meson build; fails on any finding (scripts/test.sh
# runs it).  Usage: scripts/tidy.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
# The build's flags are gcc's; clang-tidy's clang does not know some of them.
rc=0
out=$(clang-tidy -p "$build" --quiet --extra-arg=-Wno-unknown-warning-option lib/*.c cli/*.c 2>&1) || rc=$?
# clang-tidy counts the warnings it suppressed (system headers, checks that
# are off) on lines of their own: not findings.
printf '%s\n' "$out" | grep -v '^[0-9]* warnings\? generated\.$' || true
if [ "$rc" -ne 0 ]; then
    echo "clang-tidy: the findings above fail the run (checks: .clang-tidy)"
    exit 1
fi
echo "clang-tidy: no findings in lib/*.c cli/*.c (checks: .clang-tidy)"

# The code stays as .clang-format writes it (formatted once in one commit,
# listed in .git-blame-ignore-revs): any difference fails, naming the file.
mapfile -t sources < <(git ls-files 'lib/*.c' 'lib/*.h' 'cli/*.c' 'cli/*.h' 'include/*.h' \
    'include/r57/*.h' 'examples/c/*.c' 'fuzz/*.c' 'fuzz/*.h' 'bench/*.c')
if ! clang-format --dry-run --Werror "${sources[@]}"; then
    echo "clang-format: the files above differ from .clang-format; run:"
    echo "  clang-format -i \$(git ls-files 'lib/*.[ch]' 'cli/*.[ch]' 'include/*.h' 'include/r57/*.h' 'examples/c/*.c' 'fuzz/*.[ch]' 'bench/*.c')"
    exit 1
fi
echo "clang-format: ${#sources[@]} files as .clang-format writes them"
