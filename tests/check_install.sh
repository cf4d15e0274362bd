#!/bin/sh
# The installed library is usable from C: install the build into a scratch
# prefix (meson install --destdir), then compile and link a program against
# it with pkg-config alone, and run it on the registry built into the
# library.  Usage: check_install.sh BUILD_DIR
set -eu
build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
meson install -C "$build" --no-rebuild --destdir "$tmp/root" >/dev/null
pc=$(find "$tmp/root" -name r57.pc | head -n 1)
[ -n "$pc" ] || { echo "r57.pc was not installed"; exit 1; }
prefix=$(sed -n 's/^prefix=//p' "$pc")
flags=$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --define-variable=prefix="$tmp/root$prefix" --cflags --libs r57)
cat > "$tmp/use.c" <<'C'
#include <r57.h>
#include <stdio.h>
int main(void)
{
    r57_db *db;
    r57_resolution *r;
    if (r57_open(&db, ":memory:", NULL) < 0 || r57_unit_registry_load(NULL, db, "x", NULL) < 0 ||
        r57_resolve(&r, db, "Bộ KH&CN", R57_RESOLVE_LEAD, R57_DATE_NONE) < 0) {
        fprintf(stderr, "%s\n", r57_error_message(r57_error_last()));
        return 1;
    }
    printf("%s\n", r57_resolution_unit(r));
    r57_resolution_free(r);
    r57_close(db);
    return 0;
}
C
# shellcheck disable=SC2086
cc -std=c11 -Wall -Wextra -pedantic -Werror -o "$tmp/use" "$tmp/use.c" $flags
libdir=$(dirname "$(find "$tmp/root" -name 'libr57.so*' | head -n 1)")
out=$(LD_LIBRARY_PATH=$libdir "$tmp/use")
[ "$out" = "MOST" ] || { echo "the installed library answered '$out', wanted MOST"; exit 1; }
echo "installed headers, library and r57.pc: a program builds and runs against them"
