/* r57.h compiles alone under strict C11 and links against nothing; so does
 * r57/version.h, generated from meson.build, and its numbers, string and
 * the version meson.build gives (R57_EXPECTED_VERSION) agree. */
#include <r57/version.h>

#include <r57.h>

#include <stdio.h>
#include <string.h>

_Static_assert(R57_VERSION_NUMBER ==
                   R57_VERSION_MAJOR * 10000 + R57_VERSION_MINOR * 100 + R57_VERSION_PATCH,
               "R57_VERSION_NUMBER is major * 10000 + minor * 100 + patch");

int main(void)
{
    char parts[32];
    snprintf(parts, sizeof parts, "%d.%d.%d", R57_VERSION_MAJOR, R57_VERSION_MINOR,
             R57_VERSION_PATCH);
    if (strcmp(parts, R57_VERSION_STRING) != 0 || strcmp(R57_VERSION, R57_VERSION_STRING) != 0 ||
        strcmp(R57_VERSION_STRING, R57_EXPECTED_VERSION) != 0) {
        fprintf(stderr, "r57/version.h says %s (%s), meson.build %s\n", R57_VERSION_STRING, parts,
                R57_EXPECTED_VERSION);
        return 1;
    }
    return R57_OK + (R57_VERSION_NUMBER > 0 ? 0 : 1);
}
