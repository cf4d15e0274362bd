#!/bin/sh
# A test that cannot run here: says why and exits 77, which meson counts
# as SKIP.  Usage: skip.sh REASON...
echo "SKIP: $*"
exit 77
