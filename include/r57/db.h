/*
 * libr57 — the database handle.
 *
 * An r57_db is one open libr57 database: a SQLite file (or an in-memory
 * database) holding units, documents, tasks and the record of every change.
 * A handle is used by one thread at a time; separate handles on separate
 * threads or processes may share one file (docs/threading.md).
 */
#ifndef R57_DB_H
#define R57_DB_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct r57_db r57_db;

/* Flags for r57_open_options.flags. */
#define R57_OPEN_READONLY 0x1u /* never write; refuse to create or migrate */
#define R57_OPEN_NOCREATE 0x2u /* fail with R57_ENOTFOUND if the file is missing */

typedef struct r57_open_options {
    unsigned int version; /* R57_OPEN_OPTIONS_VERSION */
    unsigned int flags;   /* R57_OPEN_… flags */
    int busy_timeout_ms;  /* wait this long for a lock held by another
                              connection before R57_EBUSY; default 5000 */
} r57_open_options;

#define R57_OPEN_OPTIONS_VERSION 1
#define R57_OPEN_OPTIONS_INIT                                                                      \
    {                                                                                              \
        R57_OPEN_OPTIONS_VERSION, 0u, 5000                                                         \
    }

/**
 * Fills opts with the defaults of the given version.
 * @param opts the options to fill
 * @param version R57_OPEN_OPTIONS_VERSION
 * @return R57_OK or R57_EINVAL for an unknown version or NULL opts.
 */
R57_EXTERN(int) r57_open_options_init(r57_open_options *opts, unsigned int version);

/**
 * Opens (creating if needed) the libr57 database at path.  path ":memory:"
 * opens a private in-memory database.  opts may be NULL for the defaults.
 *
 * A new file gets the current schema; a file of an older schema version is
 * migrated forward in one transaction.  The caller owns *out and closes it
 * with r57_close().  On failure *out is NULL and the file is untouched.
 *
 * @param out receives the handle
 * @param path the file, or ":memory:"
 * @param opts the options; NULL for the defaults
 * @return R57_OK, or
 *   R57_EINVAL    path NULL or empty, bad options;
 *   R57_ENOTDB    the file is not SQLite, or a SQLite file of another program;
 *   R57_EVERSION  the file was written by a newer schema version;
 *   R57_EREADONLY the file cannot be written and R57_OPEN_READONLY was not
 *                 given (or it needs creating/migrating in read-only mode);
 *   R57_ENOTFOUND R57_OPEN_NOCREATE and no such file;
 *   R57_EIO, R57_ENOMEM.
 */
R57_EXTERN(int) r57_open(r57_db **out, const char *path, const r57_open_options *opts);

/**
 * Closes a handle (NULL is allowed).  Objects obtained from it (tasks,
 * iterators) must be freed before; an open transaction is rolled back.
 * @param db the handle (NULL is allowed)
 */
R57_EXTERN(void) r57_close(r57_db *db);

/**
 * The schema version this library writes, and the one of an open file.
 * @return the schema version this library writes
 */
R57_EXTERN(int) r57_schema_version(void);
/** The schema version of an open file. @param db an open handle @return the version */
R57_EXTERN(int) r57_db_schema_version(const r57_db *db);

/**
 * Explicit transactions, for loading many objects at once.  Outside one,
 * every writing call is a transaction of its own: if it fails, nothing of
 * it stays.  Between r57_db_begin() and r57_db_commit() the writes become
 * durable together, which is much faster for bulk loads; a call refused
 * there (bad input, unknown code, duplicate, not allowed) has written
 * nothing and the transaction goes on, but a call that fails while writing
 * (R57_ENOMEM, R57_EIO, …) rolls the whole transaction back, says so in its
 * message, and every later write fails with R57_ESTATE until
 * r57_db_rollback().  r57_db_rollback() discards everything since
 * r57_db_begin().  Transactions do not nest.
 *
 * @param db the handle
 * @return R57_OK, R57_ESTATE (begin inside a transaction, commit or
 *         rollback outside one), R57_EBUSY, R57_EIO.
 */
R57_EXTERN(int) r57_db_begin(r57_db *db);
/**
 * Commits the transaction r57_db_begin() started.
 * @param db the handle
 * @return R57_OK, R57_ESTATE (outside a transaction), R57_EBUSY, R57_EIO.
 */
R57_EXTERN(int) r57_db_commit(r57_db *db);
/**
 * Discards everything since r57_db_begin().
 * @param db the handle
 * @return R57_OK, R57_ESTATE (outside a transaction), R57_EBUSY, R57_EIO.
 */
R57_EXTERN(int) r57_db_rollback(r57_db *db);

/**
 * Whether the database is in setup mode (nobody holds the administrator
 * role: r57/actor.h).
 * @param out receives true in setup mode
 * @param db the database
 * @return R57_OK, or R57_EINVAL (NULL argument), R57_EIO.
 */
R57_EXTERN(int) r57_db_setup_mode(bool *out, r57_db *db);

#ifdef __cplusplus
}
#endif

#endif /* R57_DB_H */
