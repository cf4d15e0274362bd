/* The public database handle: argument checks over the storage module. */
#include "store.h"

#include <stdio.h>
#include <string.h>

int r57_open_options_init(r57_open_options *opts, unsigned int version)
{
    if (!opts)
        return r57__error(R57_EINVAL, "r57_open_options_init: opts is NULL");
    if (version != R57_OPEN_OPTIONS_VERSION)
        return r57__error(R57_EINVAL, "r57_open_options_init: unknown version %u", version);
    *opts = (r57_open_options)R57_OPEN_OPTIONS_INIT;
    return R57_OK;
}

int r57_open(r57_db **out, const char *path, const r57_open_options *opts)
{
    int ret;
    if (!out)
        return r57__error(R57_EINVAL, "r57_open: out is NULL");
    *out = NULL;
    if ((ret = r57__require("r57_open", "path", path)) < 0)
        return ret;
    if (opts && opts->version != R57_OPEN_OPTIONS_VERSION)
        return r57__error(R57_EINVAL, "r57_open: unknown options version %u", opts->version);
    if (opts && (opts->flags & ~(R57_OPEN_READONLY | R57_OPEN_NOCREATE)))
        return r57__error(R57_EINVAL, "r57_open: unknown flags 0x%x", opts->flags);
    return r57__store_open(out, path, opts);
}

void r57_close(r57_db *db) { r57__store_close(db); }

int r57_db_schema_version(const r57_db *db) { return db ? db->schema_version : 0; }

int r57_db_begin(r57_db *db)
{
    if (!db)
        return r57__error(R57_EINVAL, "r57_db_begin: db is NULL");
    return r57__store_begin(db);
}

int r57_db_commit(r57_db *db)
{
    if (!db)
        return r57__error(R57_EINVAL, "r57_db_commit: db is NULL");
    return r57__store_commit(db);
}

int r57_db_rollback(r57_db *db)
{
    if (!db)
        return r57__error(R57_EINVAL, "r57_db_rollback: db is NULL");
    return r57__store_rollback(db);
}

void r57__db_rollback_keep_error(r57_db *db)
{
    /* The rollback's own outcome must not replace the error that caused it. */
    const r57_error *e = r57_error_last();
    char msg[R57__MSG_MAX];
    int code = r57_error_code(e), line = r57_error_line(e), col = r57_error_column(e);
    long off = r57_error_offset(e);
    snprintf(msg, sizeof msg, "%s", r57_error_message(e));
    r57_db_rollback(db);
    r57__error_at(code, line, col, off, "%s", msg);
}
