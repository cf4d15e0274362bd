/*
 * The thread-local last error.  A fixed buffer per thread, so that recording
 * an error never allocates (an out-of-memory error must be reportable).
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

struct r57_error {
    int code;
    int line;
    int column;
    long offset;
    int sqlite_code;
    char message[R57__MSG_MAX];
};

static _Thread_local struct r57_error last_error = { R57_OK, 0, 0, -1, 0, "no error" };

static void set_message(const char *fmt, va_list ap)
{
    /* Formatted aside first: callers may pass the previous message as an
     * argument ("task 'X': %s") to add context to it. */
    char tmp[R57__MSG_MAX];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    if (n < 0) {
        strcpy(last_error.message, "(unprintable error message)");
        return;
    }
    memcpy(last_error.message, tmp, sizeof tmp);
    if ((size_t)n >= sizeof last_error.message) {
        /* Mark truncation so nobody mistakes a cut message for the whole,
         * and never cut inside a UTF-8 character: back up to its start. */
        size_t cut = sizeof last_error.message - 4;
        while (cut > 0 && ((unsigned char)last_error.message[cut] & 0xC0) == 0x80)
            cut--;
        memcpy(last_error.message + cut, "...", 4);
    }
}

int r57__error(int code, const char *fmt, ...)
{
    va_list ap;
    last_error.code = code;
    last_error.line = 0;
    last_error.column = 0;
    last_error.offset = -1;
    last_error.sqlite_code = 0;
    va_start(ap, fmt);
    set_message(fmt, ap);
    va_end(ap);
    return code;
}

int r57__error_at(int code, int line, int column, long offset, const char *fmt, ...)
{
    va_list ap;
    last_error.code = code;
    last_error.line = line;
    last_error.column = column;
    last_error.offset = offset;
    last_error.sqlite_code = 0;
    va_start(ap, fmt);
    set_message(fmt, ap);
    va_end(ap);
    return code;
}

int r57__error_sqlite(int code, int sqlite_code, const char *fmt, ...)
{
    va_list ap;
    last_error.code = code;
    last_error.line = 0;
    last_error.column = 0;
    last_error.offset = -1;
    last_error.sqlite_code = sqlite_code;
    va_start(ap, fmt);
    set_message(fmt, ap);
    va_end(ap);
    return code;
}

int r57__error_nomem(void) { return r57__error(R57_ENOMEM, "out of memory"); }

const r57_error *r57_error_last(void) { return &last_error; }
int r57_error_code(const r57_error *e) { return e ? e->code : R57_EINVAL; }
const char *r57_error_message(const r57_error *e) { return e ? e->message : ""; }
int r57_error_line(const r57_error *e) { return e ? e->line : 0; }
int r57_error_column(const r57_error *e) { return e ? e->column : 0; }
long r57_error_offset(const r57_error *e) { return e ? e->offset : -1; }
int r57_error_sqlite_code(const r57_error *e) { return e ? e->sqlite_code : 0; }

void r57_error_clear(void)
{
    last_error.code = R57_OK;
    last_error.line = 0;
    last_error.column = 0;
    last_error.offset = -1;
    last_error.sqlite_code = 0;
    strcpy(last_error.message, "no error");
}

static const struct {
    int code;
    const char *name;
    const char *text;
} codes[] = {
    { R57_OK, "R57_OK", "success" },
    { R57_ERROR, "R57_ERROR", "error" },
    { R57_ENOMEM, "R57_ENOMEM", "out of memory" },
    { R57_EINVAL, "R57_EINVAL", "invalid argument" },
    { R57_ENOTFOUND, "R57_ENOTFOUND", "not found" },
    { R57_EEXISTS, "R57_EEXISTS", "already exists" },
    { R57_EPERM, "R57_EPERM", "permission denied" },
    { R57_ECONFLICT, "R57_ECONFLICT", "conflicting objects" },
    { R57_EPARSE, "R57_EPARSE", "parse error" },
    { R57_EIO, "R57_EIO", "input/output error" },
    { R57_ENOTDB, "R57_ENOTDB", "not a libr57 database" },
    { R57_EVERSION, "R57_EVERSION", "written by a newer version" },
    { R57_EREADONLY, "R57_EREADONLY", "database is read-only" },
    { R57_ESTATE, "R57_ESTATE", "not allowed in the current state" },
    { R57_ECYCLE, "R57_ECYCLE", "definitions form a cycle" },
    { R57_EBUSY, "R57_EBUSY", "database is locked" },
    { R57_EUSER, "R57_EUSER", "stopped by a callback" },
    { R57_ITEROVER, "R57_ITEROVER", "iteration is over" },
};

const char *r57_err_name(int code)
{
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (codes[i].code == code)
            return codes[i].name;
    return "R57_EUNKNOWN";
}

const char *r57_strerror(int code)
{
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (codes[i].code == code)
            return codes[i].text;
    return "unknown error code";
}

const char *r57_version(void) { return R57_VERSION; }
int r57_version_number(void) { return R57_VERSION_NUMBER; }
