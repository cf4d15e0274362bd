/*
 * libr57 — unit groups (as DHIS2's organisation unit groups): named sets
 * of units such as `central` (the ministries and ministerial-level
 * agencies) and `local` (the 34 provinces and centrally run cities).  A
 * group is not a unit: it is in no unit tree, no unit iterator lists it,
 * and a unit may be in several groups.  What a group is for:
 *
 *   - indicators are evaluated for a group (r57_kpi_eval and
 *     r57_attainment_get take a group code where they take a unit code):
 *     a figure reported for the group as a whole ("central level 53.3 %",
 *     r57_value_set with the group's code), else the roll-up over its
 *     members — data elements summed over the members, then the formula;
 *   - a target can bind a group, or each of its members (r57/kpi.h);
 *   - its names ("central level", "cấp trung ương", …) let text that
 *     names a group be recognised (r57_group_find_by_name).
 *
 * The groups of Vietnam (data/unit_groups.csv) ship with the registry of
 * units and are loaded by r57_unit_registry_load(…, NULL).  Group codes
 * and unit codes share one space: a group cannot take a unit's code.
 */
#ifndef R57_GROUP_H
#define R57_GROUP_H

#include "common.h"
#include "db.h"
#include "unit.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct r57_group r57_group;
typedef struct r57_group_iterator r57_group_iterator;

/**
 * Creates an empty group.  code: letters, digits, '_', '-' and '.' (no
 * blanks), not the code of a unit; name: its name (UTF-8).  Needs the
 * administrator role (docs/access.md).  Journaled.  Strings are copied.
 * @param db the database
 * @param actor who creates it
 * @param code the group's code
 * @param name its name (UTF-8)
 * @return R57_OK, or R57_EINVAL (NULL/blank actor, code or name, a code with
 *         blanks, name not UTF-8), R57_EEXISTS (a group or a unit has the
 *         code), R57_EPERM.
 */
R57_EXTERN(int) r57_group_create(r57_db *db, const char *actor, const char *code, const char *name);

/**
 * Adds a name to a group.  Adding a name the group has changes nothing.
 * Journaled.
 * @param db the database
 * @param actor who makes the change
 * @param code the group's code
 * @param kind R57_UNIT_NAME_ENGLISH or R57_UNIT_NAME_ALIAS (r57/unit.h)
 * @param name the name
 * @return R57_OK, or R57_EINVAL (blank or non-UTF-8 name, another kind),
 *         R57_ENOTFOUND (unknown group code), R57_EPERM.
 */
R57_EXTERN(int)
r57_group_name_add(r57_db *db, const char *actor, const char *code, r57_unit_name_kind_t kind,
                   const char *name);

/**
 * Makes unit `unit` (a unit code) a member of group `code`.  Adding a member
 * twice changes nothing.  Journaled; administrator role.
 * @param db the database
 * @param actor who makes the change
 * @param code the group's code
 * @param unit the unit's code
 * @return R57_OK, or R57_EINVAL, R57_ENOTFOUND (unknown group or unit: the
 *         message says which), R57_EPERM.
 */
R57_EXTERN(int)
r57_group_add_member(r57_db *db, const char *actor, const char *code, const char *unit);

/**
 * Looks a group up by code.  The caller owns *out (r57_group_free).
 * @param out receives the group
 * @param db the database
 * @param code the group's code
 * @return R57_OK, R57_EINVAL or R57_ENOTFOUND (the message names the code).
 */
R57_EXTERN(int) r57_group_get(r57_group **out, r57_db *db, const char *code);

/**
 * Looks a group up by any of its names (primary, English, aliases), compared
 * by the Unicode fold as r57_unit_find_by_name does (NFC or NFD, any case,
 * blanks collapsed; then without diacritics: "cap dia phuong"). The caller
 * owns *out.
 * @param out receives the group
 * @param db the database
 * @param name any of its names
 * @return R57_OK, R57_EINVAL, R57_ENOTFOUND, or R57_ECONFLICT when several
 *         groups carry that name.
 */
R57_EXTERN(int) r57_group_find_by_name(r57_group **out, r57_db *db, const char *name);

/**
 * Accessors.  Strings are borrowed from the group and live as long as it.
 * @param group the group
 * @return the code or the primary name; NULL if group is NULL
 */
R57_EXTERN(const char *) r57_group_code(const r57_group *group);
/** The primary name (borrowed). @param group the group @return the name; NULL if group is NULL */
R57_EXTERN(const char *) r57_group_name(const r57_group *group);
/**
 * The English name, or NULL when it has none.
 * @param group the group
 * @return the English name, or NULL
 */
R57_EXTERN(const char *) r57_group_name_en(const r57_group *group);
/**
 * Every name, the primary one included, by kind then by key; the _at
 * accessors return NULL (R57_UNIT_NAME_INVALID for the kind) past the end.
 * @param group the group
 * @return the number of names; 0 if group is NULL
 */
R57_EXTERN(size_t) r57_group_name_count(const r57_group *group);
/** @param group the group @param i the index @return the i-th name; NULL past the end */
R57_EXTERN(const char *) r57_group_name_at(const r57_group *group, size_t i);
/**
 * @param group the group @param i the index
 * @return the kind of the i-th name; R57_UNIT_NAME_INVALID past the end
 */
R57_EXTERN(r57_unit_name_kind_t) r57_group_name_kind_at(const r57_group *group, size_t i);
/**
 * The members' unit codes, in order of code; NULL past the end.
 * @param group the group
 * @return the number of members; 0 if group is NULL
 */
R57_EXTERN(size_t) r57_group_member_count(const r57_group *group);
/**
 * @param group the group @param i the index
 * @return the i-th member's unit code; NULL past the end
 */
R57_EXTERN(const char *) r57_group_member_at(const r57_group *group, size_t i);
/**
 * @param group the group
 * @param unit a unit code
 * @return true when unit code `unit` is a member of the group.
 */
R57_EXTERN(bool) r57_group_has_member(const r57_group *group, const char *unit);

/**
 * Frees a group.
 * @param group the group (may be NULL)
 */
R57_EXTERN(void) r57_group_free(r57_group *group);

/**
 * Iterates over every group, by code.  The caller owns *out; each group
 * r57_group_next gives is the caller's too.
 * @param out receives the iterator (r57_group_iterator_new) or the next
 *        group (r57_group_next)
 * @param db the database
 * @return R57_OK, R57_EINVAL; r57_group_next returns R57_ITEROVER at the
 *         end.
 */
R57_EXTERN(int) r57_group_iterator_new(r57_group_iterator **out, r57_db *db);
/**
 * The next group (the caller's).
 * @param out receives the group
 * @param it the iterator
 * @return R57_OK, or R57_ITEROVER at the end.
 */
R57_EXTERN(int) r57_group_next(r57_group **out, r57_group_iterator *it);
/** Frees an iterator. @param it the iterator (may be NULL) */
R57_EXTERN(void) r57_group_iterator_free(r57_group_iterator *it);

#ifdef __cplusplus
}
#endif

#endif /* R57_GROUP_H */
