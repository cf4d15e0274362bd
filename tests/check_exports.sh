#!/bin/sh
# The exported symbols of libr57.so, the version script (lib/r57.sym) and
# the R57_EXTERN declarations of the public headers must be the same set
# (jansson's check-exports).  Usage: check_exports.sh LIBRARY SYMFILE INCLUDEDIR
set -eu
lib=$1 sym=$2 inc=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ { print $3 }' | sed 's/@.*//' | sort -u > "$tmp/exported"
sed -n 's/^[[:space:]]*\(r57_[a-z0-9_]*\);.*/\1/p' "$sym" | sort -u > "$tmp/listed"
cat "$inc"/r57.h "$inc"/r57/*.h | tr '\n' ' ' |
    grep -o 'R57_EXTERN([^)]*)[[:space:]]*r57_[a-z0-9_]*' |
    sed 's/.*[[:space:])]\(r57_[a-z0-9_]*\)$/\1/' | sort -u > "$tmp/declared"

status=0
if ! diff -u "$tmp/listed" "$tmp/exported" > "$tmp/d1"; then
    echo "exported symbols differ from $sym (- listed, + exported):"; cat "$tmp/d1"; status=1
fi
if ! diff -u "$tmp/declared" "$tmp/listed" > "$tmp/d2"; then
    echo "R57_EXTERN declarations differ from $sym (- declared, + listed):"; cat "$tmp/d2"; status=1
fi
n=$(wc -l < "$tmp/exported")
[ "$status" = 0 ] && echo "exports: $n symbols, all declared and listed"
exit $status
