/* The r57 command's helpers: failing with the library's message, usage
 * errors, JSON output. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>

int fail(const char *what)
{
    const r57_error *e = r57_error_last();
    int code = r57_error_code(e);
    fprintf(stderr, "r57: %s: %s (%s)\n", what, r57_error_message(e), r57_err_name(code));
    return code == R57_EIO ? EXIT_IO : EXIT_REFUSED;
}

int usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    if (command)
        fprintf(stderr, "r57 %s: ", command);
    else
        fputs("r57: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see r57 help%s%s)\n", command ? " " : "", command ? command : "");
    return EXIT_USAGE;
}

void print_json(json_t *j)
{
    json_dumpf(j, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
    fputc('\n', stdout);
    json_decref(j);
}

json_t *number_or_null(double v, int has) { return has ? json_real(v) : json_null(); }

int parse_as_of(r57_date *out, const char *command, const args *a)
{
    *out = R57_DATE_NONE;
    if (a->as_of && r57_date_parse(out, a->as_of) < 0)
        return usage_error(command, "--as-of: %s", r57_error_message(r57_error_last()));
    return 0;
}
