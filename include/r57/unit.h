/*
 * libr57 — units: the nation, ministries and provinces, their departments,
 * communes.  Each unit has a stable code (the key callers use), a name, a
 * kind and an optional parent; units form a tree.  A unit is also known by
 * other names: its English name, aliases and abbreviations ("Bộ KH&CN",
 * "VPCP"), and the names of the units merged into it ("Bộ Kế hoạch và Đầu
 * tư", merged into the Ministry of Finance on 2025-03-01).  Names are
 * compared by one Unicode normalisation (NFC, full case folding, and
 * optionally without diacritics; docs/design.md, "Text").
 *
 * The registry of Vietnam's units (data/units_vn.csv: the ministries from
 * 1 March 2025, the 34 provinces and cities from 1 July 2025, …) is built
 * into the library: r57_unit_registry_load(…, NULL) loads it.
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

/** The kind of a unit. */
typedef enum r57_unit_kind_t {
    R57_UNIT_INVALID = -1, /**< what r57_unit_kind says of NULL */
    R57_UNIT_NATION = 0,
    R57_UNIT_MINISTRY = 1,           /**< ministry, ministry-level or central agency */
    R57_UNIT_PROVINCE = 2,           /**< province or centrally run city */
    R57_UNIT_DEPARTMENT = 3,         /**< department of a ministry or province */
    R57_UNIT_COMMUNE = 4,            /**< commune, ward or special zone */
    R57_UNIT_OTHER = 5,              /**< any other body */
    R57_UNIT_GOVERNMENT = 6,         /**< the Government, the Prime Minister */
    R57_UNIT_AGENCY = 7,             /**< government agency (academy, national media) */
    R57_UNIT_PARTY_BODY = 8,         /**< Party committee, office or steering committee */
    R57_UNIT_STATE_BODY = 9,         /**< National Assembly, courts, procuracy, State Audit */
    R57_UNIT_MASS_ORGANISATION = 10, /**< Fatherland Front and mass organisations */
    R57_UNIT_UNIVERSITY = 11
} r57_unit_kind_t;

/** The kinds of name a unit is known by. */
typedef enum r57_unit_name_kind_t {
    R57_UNIT_NAME_INVALID = -1,   /**< the kind _name_kind_at gives past the end */
    R57_UNIT_NAME_PRIMARY = 0,    /**< the unit's name (r57_unit_name) */
    R57_UNIT_NAME_ENGLISH = 1,    /**< its English name */
    R57_UNIT_NAME_ALIAS = 2,      /**< an alias or abbreviation */
    R57_UNIT_NAME_PREDECESSOR = 3 /**< a name of a unit merged into it */
} r57_unit_name_kind_t;

/**
 * The name of a kind of name.
 * @param kind a kind
 * @return "name", "en", "alias", "predecessor"; NULL for any other value.
 *         Static.
 */
R57_EXTERN(const char *) r57_unit_name_kind_name(r57_unit_name_kind_t kind);

/**
 * The kind of name named by "name", "en", ….
 * @param out receives the kind
 * @param name its name
 * @return R57_OK, or R57_EINVAL (NULL argument, no such name).
 */
R57_EXTERN(int) r57_unit_name_kind_parse(r57_unit_name_kind_t *out, const char *name);

/**
 * The name of a kind of unit.
 * @param kind a kind
 * @return "nation", "ministry", …; NULL for any other value.  Static.
 */
R57_EXTERN(const char *) r57_unit_kind_name(r57_unit_kind_t kind);

/**
 * The kind named by "nation", "ministry", …, and also by the registry's
 * "ministerial_agency" (a ministry), "government_agency" (agency), "city"
 * (province), "ward" and "special_zone" (commune).
 * @param out receives the kind
 * @param name its name
 * @return R57_OK, or R57_EINVAL (NULL argument, no such name).
 */
R57_EXTERN(int) r57_unit_kind_parse(r57_unit_kind_t *out, const char *name);

/**
 * Creates a unit.
 * @param db the database
 * @param actor who makes the change (recorded in the journal)
 * @param code its code, compared exactly; no whitespace
 * @param name its name
 * @param kind its kind
 * @param parent the code of an existing unit, or NULL for a root
 * @return R57_OK, or R57_EINVAL (NULL/empty actor, code or name, code with
 *         whitespace, unknown kind), R57_EEXISTS (code taken), R57_ENOTFOUND
 *         (unknown parent code).
 */
R57_EXTERN(int)
r57_unit_create(r57_db *db, const char *actor, const char *code, const char *name,
                r57_unit_kind_t kind, const char *parent);

/**
 * Looks a unit up by code.  The caller owns *out (r57_unit_free).
 * @param out receives the unit
 * @param db the database
 * @param code the unit's code
 * @return R57_OK, R57_EINVAL or R57_ENOTFOUND (the message names the code).
 */
R57_EXTERN(int) r57_unit_get(r57_unit **out, r57_db *db, const char *code);

/**
 * Looks a unit up by any of its names (primary, English, alias,
 * predecessor), compared by the Unicode fold (NFC or NFD, any case, blanks
 * collapsed); when none matches, the same without diacritics ("Bo Tai
 * chinh").  The caller owns *out.
 * @param out receives the unit
 * @param db the database
 * @param name any of its names
 * @return R57_OK, R57_EINVAL, R57_ENOTFOUND, or R57_ECONFLICT when several
 *         units carry that name.
 */
R57_EXTERN(int) r57_unit_find_by_name(r57_unit **out, r57_db *db, const char *name);

/**
 * Accessors.  Strings are borrowed from the unit and live as long as it.
 * r57_unit_parent returns NULL for a root unit.
 * @param unit the unit
 * @return the code, name, kind or parent code; NULL (R57_UNIT_INVALID for
 *         the kind) if unit is NULL
 */
R57_EXTERN(const char *) r57_unit_code(const r57_unit *unit);
/** The primary name (borrowed). @param unit the unit @return the name; NULL if unit is NULL */
R57_EXTERN(const char *) r57_unit_name(const r57_unit *unit);
/** The kind. @param unit the unit @return the kind; R57_UNIT_INVALID if unit is NULL */
R57_EXTERN(r57_unit_kind_t) r57_unit_kind(const r57_unit *unit);
/** The parent's code (borrowed). @param unit the unit @return the code; NULL for a root unit */
R57_EXTERN(const char *) r57_unit_parent(const r57_unit *unit);

/**
 * The unit's English name, or NULL when it has none.
 * @param unit the unit
 * @return the unit's English name, or NULL
 */
R57_EXTERN(const char *) r57_unit_name_en(const r57_unit *unit);
/**
 * Every name of the unit, the primary one included, by kind then by key. The
 * _at accessors return NULL (R57_UNIT_NAME_INVALID for the kind) past the
 * end.  of is the primary name of the merged unit a predecessor name belongs
 * to (NULL when the name is that one); since is the date of the merger
 * (YYYY-MM-DD) or NULL.
 * @param unit the unit
 * @return the number of names; 0 if unit is NULL
 */
R57_EXTERN(size_t) r57_unit_name_count(const r57_unit *unit);
/** @param unit the unit @param i the index @return the i-th name; NULL past the end */
R57_EXTERN(const char *) r57_unit_name_at(const r57_unit *unit, size_t i);
/**
 * @param unit the unit @param i the index
 * @return the kind of the i-th name; R57_UNIT_NAME_INVALID past the end
 */
R57_EXTERN(r57_unit_name_kind_t) r57_unit_name_kind_at(const r57_unit *unit, size_t i);
/**
 * @param unit the unit @param i the index
 * @return of: the merged unit's primary name for a predecessor name, else NULL
 */
R57_EXTERN(const char *) r57_unit_name_of_at(const r57_unit *unit, size_t i);
/**
 * @param unit the unit @param i the index
 * @return since: the date of the merger (YYYY-MM-DD) or NULL
 */
R57_EXTERN(const char *) r57_unit_name_since_at(const r57_unit *unit, size_t i);

/**
 * Frees a unit.
 * @param unit the unit (may be NULL)
 */
R57_EXTERN(void) r57_unit_free(r57_unit *unit);

/**
 * Adds a name to a unit.  Adding a name the unit has already changes
 * nothing.  Journaled.
 * @param db the database
 * @param actor who makes the change
 * @param code the unit's code
 * @param kind R57_UNIT_NAME_ENGLISH, _ALIAS or _PREDECESSOR
 * @param name the name
 * @param of for a predecessor: the primary name of the merged unit (may
 *        be NULL); else NULL
 * @param since for a predecessor: the date of the merger (YYYY-MM-DD, may
 *        be NULL); else NULL
 * @return R57_OK, R57_EINVAL (blank or non-UTF-8 name, bad kind, since
 *         not a date), R57_ENOTFOUND (unknown code), R57_EPERM.
 */
R57_EXTERN(int)
r57_unit_name_add(r57_db *db, const char *actor, const char *code, r57_unit_name_kind_t kind,
                  const char *name, const char *of, const char *since);

/**
 * Iterates over units: all of them when root is NULL, else root and every
 * unit below it (depth first, children by code).  The caller owns *out.
 * @param out receives the iterator
 * @param db the database
 * @param root a unit code, or NULL for all units
 * @return R57_OK, R57_EINVAL or R57_ENOTFOUND (unknown root).
 */
R57_EXTERN(int) r57_unit_iterator_new(r57_unit_iterator **out, r57_db *db, const char *root);

/**
 * The next unit (owned by the caller), or R57_ITEROVER at the end.
 * @param out receives the unit
 * @param it the iterator
 * @return R57_OK, or R57_ITEROVER at the end.
 */
R57_EXTERN(int) r57_unit_next(r57_unit **out, r57_unit_iterator *it);

/**
 * Frees an iterator.
 * @param it the iterator (may be NULL)
 */
R57_EXTERN(void) r57_unit_iterator_free(r57_unit_iterator *it);

#ifdef __cplusplus
}
#endif

#endif /* R57_UNIT_H */
