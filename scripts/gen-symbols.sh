#!/bin/sh
# Prints lib/r57.sym for the R57_EXTERN declarations of the public headers.
# Review the diff before committing it: every line is an exported symbol
# that callers may come to depend on.
cd "$(dirname "$0")/.."
echo "/* libr57's exported symbols; tests/check_exports.sh keeps this, the headers"
echo "   and the built library in agreement. */"
echo "R57_0 {"
echo "  global:"
cat include/r57.h include/r57/*.h | tr '\n' ' ' |
    grep -o 'R57_EXTERN([^)]*)[[:space:]]*r57_[a-z0-9_]*' |
    sed 's/.*[[:space:])]\(r57_[a-z0-9_]*\)$/\1/' | sort -u | sed 's/^/    /; s/$/;/'
echo "  local:"
echo "    *;"
echo "};"
