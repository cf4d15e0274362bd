#!/bin/sh
# Runs an example and compares what it prints with the expected output.
# Usage: run_example.sh EXPECTED PROGRAM ARGS...
set -eu
expected=$1
shift
out=$("$@")
if [ "$out" != "$(cat "$expected")" ]; then
    echo "output differs from $expected:"
    printf '%s\n' "$out" | diff -u "$expected" - || true
    exit 1
fi
echo "output matches $expected"
