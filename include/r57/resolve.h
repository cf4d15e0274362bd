/*
 * libr57 — owner resolution: what a "who" text of a task names.
 *
 * The owner, coordinating, authority and accountability texts of a task
 * are written as people write them: "Bộ KH&CN", "Bộ Công an chủ trì, phối
 * hợp với Bộ Tư pháp", "the People's Committees of Hai Phong and Da Nang",
 * "các bộ, ngành, địa phương", "Phó Thủ tướng".  The resolver reads such a
 * text against the registry of units in the database (r57/unit.h) and a
 * list of words per language (data/words.tsv, built in; extendable with
 * r57_resolver_words_load) and says what it names:
 *
 *   unit        exactly one registered unit leads (found by code, name,
 *               English name, alias or the name of a unit merged into it);
 *               units the text says coordinate ("phối hợp với …", "in
 *               coordination with …") are listed as coordinating;
 *   person      a person named with a role, and no unit;
 *   joint       two or more bodies lead together ("A và B", "A, B");
 *   collective  a class or group of bodies that names no particular one
 *               ("các bộ, ngành", "ministries and sectors", "agencies in
 *               charge of the registers", "central level");
 *   unknown     a named body that is not in the registry;
 *   several     a post several people hold, with no name ("Phó Thủ
 *               tướng", "a Deputy Minister");
 *   vague       words that name no body at all ("relevant", "as needed").
 *
 * The rules reason about the structure of the text, not about whole
 * phrases: the longest registered name wins before any split on ",",
 * "và" or "and" ("Bộ Văn hóa, Thể thao và Du lịch" is one ministry); the
 * executive of a locality names the locality ("UBND tỉnh Quảng Ninh");
 * a plural or a class noun without a proper name is a collective.
 * docs/six-clear.md has the rules and examples.  Names are compared by
 * one Unicode normalisation (NFC or NFD, any case, with or without
 * diacritics).
 *
 * r57_task_create resolves a task's texts when their unit codes are not
 * given, and stores the resolution with the task (r57_task_resolution);
 * the lint (r57/lint.h) reads it.
 */
#ifndef R57_RESOLVE_H
#define R57_RESOLVE_H

#include "common.h"
#include "db.h"
#include "task.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a text that names who acts resolved to. */
typedef enum r57_resolution_kind_t {
    R57_RESOLUTION_NONE = 0,       /**< no text */
    R57_RESOLUTION_UNIT = 1,       /**< one registered unit leads */
    R57_RESOLUTION_PERSON = 2,     /**< a named person, no unit */
    R57_RESOLUTION_JOINT = 3,      /**< two or more bodies lead jointly */
    R57_RESOLUTION_COLLECTIVE = 4, /**< a class or group of bodies */
    R57_RESOLUTION_UNKNOWN = 5,    /**< a named body not in the registry */
    R57_RESOLUTION_SEVERAL = 6,    /**< a post several people hold, unnamed */
    R57_RESOLUTION_VAGUE = 7       /**< names no body */
} r57_resolution_kind_t;

/**
 * @param kind a kind
 * @return "none", "unit", "person", "joint", "collective", "unknown",
 *         "several", "vague"; NULL for an unknown value.  Static string.
 */
R57_EXTERN(const char *) r57_resolution_kind_name(r57_resolution_kind_t kind);

/** How a text is read. */
typedef enum r57_resolve_mode_t {
    R57_RESOLVE_LEAD = 0, /**< an owner, authority or accountability: one lead
                             expected, "A and B" is joint */
    R57_RESOLVE_LIST = 1  /**< a list of coordinating units: every body
                             named coordinates */
} r57_resolve_mode_t;

/** The role a matched unit plays in the text. */
typedef enum r57_match_role_t { R57_MATCH_LEAD = 0, R57_MATCH_COORDINATING = 1 } r57_match_role_t;

/** How a unit was found: by its code, or by one of its names
 * (r57_unit_name_kind_t values; predecessor = the name of a unit merged
 * into it). */
typedef enum r57_match_how_t {
    R57_MATCH_NAME = 0,
    R57_MATCH_ENGLISH = 1,
    R57_MATCH_ALIAS = 2,
    R57_MATCH_PREDECESSOR = 3,
    R57_MATCH_CODE = 4
} r57_match_how_t;

/**
 * @param how how a unit was found
 * @return "name", "en", "alias", "predecessor", "code"; NULL otherwise.
 */
R57_EXTERN(const char *) r57_match_how_name(r57_match_how_t how);

/**
 * The name of a role, as the resolution's JSON writes it.
 * @param role a role
 * @return "lead", "coordinating"; NULL for any other value.  Static.
 */
R57_EXTERN(const char *) r57_match_role_name(r57_match_role_t role);

typedef struct r57_resolution r57_resolution;

/**
 * Resolves text against the database's registry.  on is the date of the
 * document the text comes from (R57_DATE_NONE: unknown); it only words the
 * note on an old name ("merged into Bộ Tài chính on 2025-03-01, after this
 * document").  The caller owns *out (r57_resolution_free).
 * @param out receives the resolution
 * @param db the database
 * @param text the text (UTF-8)
 * @param mode how the text is read
 * @param on the date of the document the text comes from; R57_DATE_NONE:
 *        unknown
 * @return R57_OK, R57_EINVAL (NULL db or out, text not UTF-8, unknown mode),
 *         R57_ENOMEM, R57_EIO.
 */
R57_EXTERN(int)
r57_resolve(r57_resolution **out, r57_db *db, const char *text, r57_resolve_mode_t mode,
            r57_date on);

/**
 * The kind (R57_RESOLUTION_NONE for NULL).
 * @param r the resolution
 * @return the kind
 */
R57_EXTERN(r57_resolution_kind_t) r57_resolution_kind(const r57_resolution *r);
/**
 * The text as written ("" when none).  Borrowed.
 * @param r the resolution
 * @return the text
 */
R57_EXTERN(const char *) r57_resolution_text(const r57_resolution *r);
/**
 * The lead unit's code for R57_RESOLUTION_UNIT (and for a person named with
 * the post of one unit), else NULL.  Borrowed.
 * @param r the resolution
 * @return the unit code, or NULL
 */
R57_EXTERN(const char *) r57_resolution_unit(const r57_resolution *r);
/**
 * The person or post named ("Bộ trưởng", "Nguyễn Văn A"), or NULL.
 * @param r the resolution
 * @return the person or post, or NULL
 */
R57_EXTERN(const char *) r57_resolution_person(const r57_resolution *r);
/**
 * True when the text says each body acts on its own ("từng", "each of",
 * "trong phạm vi chức năng, nhiệm vụ", "each within its area"): the reading
 * is "assign to each" rather than "name one lead".
 * @param r the resolution
 * @return true when the text says each body acts on its own
 */
R57_EXTERN(bool) r57_resolution_each(const r57_resolution *r);
/**
 * For a task's owner: how many sub-tasks r57_task_assign_each made, one per
 * unit (0 when it was not assigned to each).  Such an owner is clear.
 * @param r the resolution
 * @return the number of sub-tasks (0 when it was not assigned to each)
 */
R57_EXTERN(uint64_t) r57_resolution_assigned(const r57_resolution *r);
/**
 * For a collective: the level it names, "central" or "local" (the unit
 * groups of r57_task_assign_each), or NULL when it names no one level.
 * @param r the resolution
 * @return "central", "local" or NULL
 */
R57_EXTERN(const char *) r57_resolution_group(const r57_resolution *r);
/**
 * One sentence saying what the text names and why (English); "" for none.
 * Borrowed.
 * @param r the resolution
 * @return the sentence; "" for none
 */
R57_EXTERN(const char *) r57_resolution_reason(const r57_resolution *r);

/**
 * The registered units the text names, in order of appearance.
 * @param r the resolution
 * @return the number of registered units the text names
 */
R57_EXTERN(size_t) r57_resolution_match_count(const r57_resolution *r);
/**
 * The i-th unit's code; NULL past the end.  Borrowed.
 * @param r the resolution
 * @param i the match's index
 * @return the i-th unit's code; NULL past the end
 */
R57_EXTERN(const char *) r57_resolution_match_unit(const r57_resolution *r, size_t i);
/**
 * The words of the text that named it, as written.  Borrowed.
 * @param r the resolution
 * @param i the match's index
 * @return the words; NULL past the end
 */
R57_EXTERN(const char *) r57_resolution_match_text(const r57_resolution *r, size_t i);
/**
 * Its role (R57_MATCH_LEAD when past the end).
 * @param r the resolution
 * @param i the match's index
 * @return the role (R57_MATCH_LEAD when past the end)
 */
R57_EXTERN(r57_match_role_t) r57_resolution_match_role(const r57_resolution *r, size_t i);
/**
 * How it was found (R57_MATCH_NAME when past the end).
 * @param r the resolution
 * @param i the match's index
 * @return how it was found (R57_MATCH_NAME when past the end)
 */
R57_EXTERN(r57_match_how_t) r57_resolution_match_how(const r57_resolution *r, size_t i);
/**
 * A note on the match: "merged into Bộ Tài chính on 2025-03-01", "without
 * diacritics"; "" when there is nothing to say.  Borrowed.
 * @param r the resolution
 * @param i the match's index
 * @return the note; "" when there is nothing to say
 */
R57_EXTERN(const char *) r57_resolution_match_note(const r57_resolution *r, size_t i);

/**
 * Frees a resolution.
 * @param r the resolution (may be NULL)
 */
R57_EXTERN(void) r57_resolution_free(r57_resolution *r);

/**
 * What a task's text resolved to when it was created or last resolved
 * (field: R57_FIELD_OWNER, R57_FIELD_COORDINATING, R57_FIELD_AUTHORITY or
 * R57_FIELD_ACCOUNTABILITY).  A task whose texts were never resolved (made
 * by an older libr57) gives R57_ENOTFOUND.  The caller owns *out.
 * @param out receives the resolution
 * @param task the task
 * @param field R57_FIELD_OWNER, R57_FIELD_COORDINATING, R57_FIELD_AUTHORITY
 *        or R57_FIELD_ACCOUNTABILITY
 * @return R57_OK, R57_EINVAL (NULL arguments, another field), R57_ENOTFOUND,
 *         R57_ENOMEM.
 */
R57_EXTERN(int)
r57_task_resolution(r57_resolution **out, const r57_task *task, r57_task_field_t field);

/**
 * Resolves again the texts of every task of a document (document NULL: of
 * every document) — after loading the registry or words — and brings each
 * task's owner, authority and coordinating units to what its texts now name
 * (unit codes a caller set explicitly are kept).  Journaled per task that
 * changes.  changed (may be NULL) receives how many did.
 * @param db the database
 * @param actor who resolves (journaled)
 * @param document a document's number; NULL: every document
 * @param changed receives how many tasks changed; may be NULL
 * @return R57_OK, R57_EINVAL, R57_ENOTFOUND (unknown document), R57_EPERM,
 *         R57_ENOMEM.
 */
R57_EXTERN(int)
r57_tasks_resolve(r57_db *db, const char *actor, const char *document, uint64_t *changed);

/**
 * Assigns a task to each unit its owner names, as one sub-task per unit: the
 * joint leads of "A và B" / "the People's Committees of X and Y", or the
 * members of a unit group (r57/group.h): the one given, else the level a
 * collective owner names ("các tỉnh, thành phố", "provinces and centrally
 * run cities": "local", the 34 provinces and cities; "các bộ, cơ quan ngang
 * bộ": "central").  Without groups loaded, "central" and "local" are the
 * database's ministries and provinces.  Each sub-task has the ref
 * "REF/CODE", the original as parent, the unit as owner and the original's
 * other fields; each is journaled and counts in its unit's scorecard.  The
 * original's owner is then clear ("assigned to each of N units").  One
 * transaction (or the caller's).  created (may be NULL) receives the count.
 * @param db the database
 * @param actor who assigns (journaled)
 * @param task the task
 * @param group a unit group (r57/group.h); NULL: the joint leads or the
 *        level the owner names
 * @param created receives the number of sub-tasks; may be NULL
 * @return R57_OK, R57_EINVAL (NULL arguments; an owner that names neither
 *         joint units nor a level; an unknown group), R57_ENOTFOUND (no
 *         member: load the registry), R57_EEXISTS (assigned already),
 *         R57_EPERM, R57_ENOMEM.
 */
R57_EXTERN(int)
r57_task_assign_each(r57_db *db, const char *actor, const r57_task *task, const char *group,
                     uint64_t *created);

/**
 * Adds the words of a file to the words this handle's resolver reasons with,
 * or (replace non-zero) puts them in place of the built-in ones. The file
 * has lines "category<TAB>lang<TAB>phrase" (data/words.tsv documents the
 * categories); '#' starts a comment.  The words belong to the handle, not
 * the database: open handles each load theirs.
 * @param db the handle
 * @param path the file
 * @param replace non-zero: in place of the built-in words
 * @return R57_OK, R57_EINVAL (NULL db or path), R57_EIO (cannot read),
 *         R57_EPARSE (a bad line: the message names file, line and column),
 *         R57_ENOMEM.
 */
R57_EXTERN(int) r57_resolver_words_load(r57_db *db, const char *path, int replace);

#ifdef __cplusplus
}
#endif

#endif /* R57_RESOLVE_H */
