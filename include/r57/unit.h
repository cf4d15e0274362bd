/*
 * libr57 — units: the nation, ministries and provinces, their departments,
 * communes.  Each unit has a stable code (the key callers use), a name, a
 * kind and an optional parent; units form a tree.
 */
#ifndef R57_UNIT_H
#define R57_UNIT_H

#include "common.h"
#include "db.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct r57_unit r57_unit;
typedef struct r57_unit_iterator r57_unit_iterator;

typedef enum r57_unit_kind_t {
    R57_UNIT_NATION = 0,
    R57_UNIT_MINISTRY = 1,   /* ministry, ministry-level or central agency */
    R57_UNIT_PROVINCE = 2,   /* province or centrally run city */
    R57_UNIT_DEPARTMENT = 3, /* department of a ministry or province */
    R57_UNIT_COMMUNE = 4,    /* commune, ward or special zone */
    R57_UNIT_OTHER = 5       /* any other body (party committee, office…) */
} r57_unit_kind_t;

/* "nation", "ministry", … ; NULL for an unknown kind.  Static string. */
R57_EXTERN(const char *) r57_unit_kind_name(int kind);

/* The kind named by "nation", "ministry", …; R57_EINVAL if none. */
R57_EXTERN(int) r57_unit_kind_parse(int *out, const char *name);

/*
 * Creates a unit.  parent is the code of an existing unit, or NULL for a
 * root.  Codes are compared exactly; they may not contain whitespace.
 * actor names who makes the change (recorded in the journal).
 * Returns R57_OK, or R57_EINVAL (NULL/empty actor, code or name, code with
 * whitespace, unknown kind), R57_EEXISTS (code taken), R57_ENOTFOUND
 * (unknown parent code).
 */
R57_EXTERN(int) r57_unit_create(r57_db *db, const char *actor, const char *code,
                                const char *name, int kind, const char *parent);

/*
 * Looks a unit up by code.  The caller owns *out (r57_unit_free).
 * Returns R57_OK, R57_EINVAL or R57_ENOTFOUND (the message names the code).
 */
R57_EXTERN(int) r57_unit_get(r57_unit **out, r57_db *db, const char *code);

/*
 * Looks a unit up by its name, ignoring ASCII case and surrounding blanks.
 * Returns R57_OK, R57_EINVAL, R57_ENOTFOUND, or R57_ECONFLICT when several
 * units carry that name.
 */
R57_EXTERN(int) r57_unit_find_by_name(r57_unit **out, r57_db *db, const char *name);

/* Accessors.  Strings are borrowed from the unit and live as long as it.
 * r57_unit_parent returns NULL for a root unit. */
R57_EXTERN(const char *) r57_unit_code(const r57_unit *unit);
R57_EXTERN(const char *) r57_unit_name(const r57_unit *unit);
R57_EXTERN(int) r57_unit_kind(const r57_unit *unit);
R57_EXTERN(const char *) r57_unit_parent(const r57_unit *unit);

R57_EXTERN(void) r57_unit_free(r57_unit *unit);

/*
 * Iterates over units: all of them when root is NULL, else root and every
 * unit below it (depth first, children by code).  The caller owns *out.
 * Returns R57_OK, R57_EINVAL or R57_ENOTFOUND (unknown root).
 */
R57_EXTERN(int) r57_unit_iterator_new(r57_unit_iterator **out, r57_db *db,
                                      const char *root);

/* The next unit (owned by the caller), or R57_ITEROVER at the end. */
R57_EXTERN(int) r57_unit_next(r57_unit **out, r57_unit_iterator *it);

R57_EXTERN(void) r57_unit_iterator_free(r57_unit_iterator *it);

#ifdef __cplusplus
}
#endif

#endif /* R57_UNIT_H */
