/*
 * libr57 — tasks with the "6 clear" fields.
 *
 * A task belongs to an issuing document and is known by the document's own
 * reference for it ("III.8"); it may have a parent task of the same
 * document.  It carries the six fields of the "6 clear" principle:
 *   owner          the lead unit (optionally a named person),
 *   task           what is to be done (the title),
 *   deadline       as written, resolved to a due date (r57/deadline.h),
 *   accountability the unit or person who answers for it,
 *   product        the deliverable,
 *   authority      who decides or approves,
 * plus any number of coordinating units.  Units may be given as codes of
 * registered units and/or as the text the document uses; r57/lint.h judges
 * whether each field is clear.
 *
 * Every change is recorded in the database's journal with the actor, the
 * time, and the old and new values.
 */
#ifndef R57_TASK_H
#define R57_TASK_H

#include "common.h"
#include "db.h"
#include "deadline.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct r57_task r57_task;
typedef struct r57_task_iterator r57_task_iterator;

/**
 * Task status.  Allowed transitions:
 *   assigned    -> in_progress | cancelled
 *   in_progress -> submitted | cancelled
 *   submitted   -> done | in_progress (sent back) | cancelled
 * done and cancelled are final.
 */
typedef enum r57_task_status_t {
    R57_STATUS_INVALID = -1, /**< what r57_task_status says of NULL */
    R57_STATUS_ASSIGNED = 0,
    R57_STATUS_IN_PROGRESS = 1,
    R57_STATUS_SUBMITTED = 2,
    R57_STATUS_DONE = 3,
    R57_STATUS_CANCELLED = 4
} r57_task_status_t;

/**
 * The name of a status.
 * @param status a status
 * @return "assigned", "in_progress", "submitted", "done", "cancelled"; NULL
 *         for any other value.  Static string.
 */
R57_EXTERN(const char *) r57_task_status_name(r57_task_status_t status);

/**
 * The status named by one of the strings of r57_task_status_name.
 * @param out receives the status
 * @param name its name
 * @return R57_OK, or R57_EINVAL (NULL argument, no such name).
 */
R57_EXTERN(int) r57_task_status_parse(r57_task_status_t *out, const char *name);

/*
 * What a new task says.  Fill with R57_TASK_SPEC_INIT (or
 * r57_task_spec_init); unset strings are NULL.  Fields are only ever added
 * at the end.  The strings are copied.
 */
typedef struct r57_task_spec {
    unsigned int version;                  /* R57_TASK_SPEC_VERSION */
    const char *document;                  /* number of an existing document (required) */
    const char *ref;                       /* the document's reference, e.g. "III.8" (required) */
    const char *parent_ref;                /* reference of the parent task */
    const char *parent_document;           /* the parent's document number, if the
                                         caller names it; must equal document */
    const char *title;                     /* the task: what is to be done */
    const char *owner_unit;                /* code of the lead unit */
    const char *owner;                     /* the owner as written ("Ministry of Justice") */
    const char *owner_person;              /* a named person in the lead unit */
    const char *accountability_unit;       /* code of the unit that answers for it */
    const char *accountability;            /* accountability as written (unit or person) */
    const char *product;                   /* the deliverable */
    const char *authority_unit;            /* code of the unit that decides or approves */
    const char *authority;                 /* authority as written ("Prime Minister") */
    const char *deadline;                  /* the deadline as written (NULL: none) */
    const char *const *coordinating_units; /* codes of coordinating units */
    size_t coordinating_units_count;
    const char *coordinating; /* coordinating units as written */
} r57_task_spec;

#define R57_TASK_SPEC_VERSION 1
#define R57_TASK_SPEC_INIT                                                                         \
    {                                                                                              \
        R57_TASK_SPEC_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,   \
            NULL, NULL, NULL, NULL, 0, NULL                                                        \
    }

/**
 * Fills spec with the defaults of the given version.
 * @param spec the spec to fill
 * @param version R57_TASK_SPEC_VERSION
 * @return R57_OK or R57_EINVAL (NULL spec, unknown version).
 */
R57_EXTERN(int) r57_task_spec_init(r57_task_spec *spec, unsigned int version);

/**
 * Creates a task in state "assigned".  out may be NULL; otherwise the
 * caller owns *out (r57_task_free).  On failure nothing is stored.
 * @param out receives the task; may be NULL
 * @param db the database
 * @param actor who creates it (journaled)
 * @param spec what the task says (r57_task_spec)
 * @return R57_OK, or
 *   R57_EINVAL    NULL/empty actor, document or ref; unknown spec version;
 *                 a parent that belongs to another document;
 *   R57_ENOTFOUND unknown document, parent task or unit code;
 *   R57_EEXISTS   the document already has a task with that ref;
 *   R57_EPARSE    the deadline text is not a date, month, quarter, year or
 *                 regular period (the message quotes it).
 */
R57_EXTERN(int)
r57_task_create(r57_task **out, r57_db *db, const char *actor, const r57_task_spec *spec);

/**
 * Looks a task up by document number and ref; the caller owns *out.
 * @param out receives the task
 * @param db the database
 * @param document the document's number
 * @param ref the task's reference in it
 * @return R57_OK, R57_EINVAL or R57_ENOTFOUND.
 */
R57_EXTERN(int) r57_task_get(r57_task **out, r57_db *db, const char *document, const char *ref);

/**
 * Accessors.  Strings are borrowed from the task and live as long as it;
 * a field that was not given reads as "" (never NULL), except the unit
 * codes and parent ref, which are NULL when unset.  All return NULL (0 for
 * the id) if task is NULL.
 * @param task the task
 * @return the field
 */
R57_EXTERN(int64_t) r57_task_id(const r57_task *task);
/** The number of the task's document. @param task the task @return the field */
R57_EXTERN(const char *) r57_task_document(const r57_task *task);
/** The task's reference in its document, e.g. "III.8". @param task the task @return the field */
R57_EXTERN(const char *) r57_task_ref(const r57_task *task);
/** The parent task's reference; NULL when unset. @param task the task @return the field */
R57_EXTERN(const char *) r57_task_parent_ref(const r57_task *task);
/** The task: what is to be done. @param task the task @return the field */
R57_EXTERN(const char *) r57_task_title(const r57_task *task);
/** The code of the lead unit; NULL when unset. @param task the task @return the field */
R57_EXTERN(const char *) r57_task_owner_unit(const r57_task *task);
/** The owner as written. @param task the task @return the field */
R57_EXTERN(const char *) r57_task_owner(const r57_task *task);
/** A named person in the lead unit. @param task the task @return the field */
R57_EXTERN(const char *) r57_task_owner_person(const r57_task *task);
/** The code of the unit that answers for it; NULL when unset. @param task the task @return the field */
R57_EXTERN(const char *) r57_task_accountability_unit(const r57_task *task);
/** Accountability as written. @param task the task @return the field */
R57_EXTERN(const char *) r57_task_accountability(const r57_task *task);
/** The deliverable. @param task the task @return the field */
R57_EXTERN(const char *) r57_task_product(const r57_task *task);
/** The code of the unit that decides or approves; NULL when unset. @param task the task @return the field */
R57_EXTERN(const char *) r57_task_authority_unit(const r57_task *task);
/** Authority as written. @param task the task @return the field */
R57_EXTERN(const char *) r57_task_authority(const r57_task *task);
/** The deadline as written. @param task the task @return the field */
R57_EXTERN(const char *) r57_task_deadline_text(const r57_task *task);
/**
 * @param task the task
 * @return the kind of the task's deadline (R57_DEADLINE_NONE for none;
 *         R57_DEADLINE_INVALID if task is NULL).
 */
R57_EXTERN(r57_deadline_kind_t) r57_task_deadline_kind(const r57_task *task);
/**
 * @param task the task
 * @return The resolved due date; R57_DATE_NONE for no deadline or a regular one.
 */
R57_EXTERN(r57_date) r57_task_due(const r57_task *task);
/**
 * @param task the task
 * @return the task's status (R57_STATUS_INVALID if task is NULL).
 */
R57_EXTERN(r57_task_status_t) r57_task_status(const r57_task *task);
/**
 * @param task the task
 * @return The date the task was done (R57_DATE_NONE unless status is done).
 */
R57_EXTERN(r57_date) r57_task_done_on(const r57_task *task);
/** The coordinating units as written. @param task the task @return the text (borrowed) */
R57_EXTERN(const char *) r57_task_coordinating(const r57_task *task);
/** @param task the task @return the number of coordinating unit codes; 0 if task is NULL */
R57_EXTERN(size_t) r57_task_coordinating_units_count(const r57_task *task);
/**
 * @param task the task
 * @param i the index, below r57_task_coordinating_units_count
 * @return The i-th coordinating unit code; NULL when i is out of range.
 */
R57_EXTERN(const char *) r57_task_coordinating_unit(const r57_task *task, size_t i);

/**
 * The accountability rule in force for the task: its document's, else
 * the database's (r57_accountability_rule_set); NULL when none.
 * @param task the task
 * @return the rule (borrowed); NULL when none.
 */
R57_EXTERN(const char *) r57_task_accountability_rule(const r57_task *task);

/** Frees a task. @param task the task (may be NULL) */
R57_EXTERN(void) r57_task_free(r57_task *task);

/**
 * Moves a task to a new status (transitions above).  On success the task
 * object is updated too.
 * @param db the database the task was read from
 * @param actor who makes the change (journaled)
 * @param task the task
 * @param status the new status
 * @param on the date the change takes effect (for done: the completion
 *        date, which decides "on time" or "late"); R57_DATE_NONE: today (UTC)
 * @return R57_OK, or R57_EINVAL (NULL arguments, unknown status),
 *         R57_ENOTFOUND (the task was deleted), R57_ESTATE (transition not
 *         allowed: the message names the task and both states).
 */
R57_EXTERN(int)
r57_task_set_status(r57_db *db, const char *actor, r57_task *task, r57_task_status_t status,
                    r57_date on);

/** The fields r57_task_update can change. */
typedef enum r57_task_field_t {
    R57_FIELD_TITLE = 0,
    R57_FIELD_OWNER_UNIT = 1,
    R57_FIELD_OWNER = 2,
    R57_FIELD_OWNER_PERSON = 3,
    R57_FIELD_ACCOUNTABILITY_UNIT = 4,
    R57_FIELD_ACCOUNTABILITY = 5,
    R57_FIELD_PRODUCT = 6,
    R57_FIELD_AUTHORITY_UNIT = 7,
    R57_FIELD_AUTHORITY = 8,
    R57_FIELD_DEADLINE = 9,
    R57_FIELD_COORDINATING = 10
} r57_task_field_t;

/**
 * The name of a field.
 * @param field a field
 * @return "title", "owner_unit", …; NULL for any other value.  Static.
 */
R57_EXTERN(const char *) r57_task_field_name(r57_task_field_t field);

/**
 * Changes one field of a task.  The old and new values are journaled.  On
 * success the task object is updated too.
 * @param db the database the task was read from
 * @param actor who makes the change
 * @param task the task
 * @param field the field to change
 * @param value its new value (NULL or "" clears it; unit fields take a
 *        unit code)
 * @return R57_OK, or R57_EINVAL, R57_ENOTFOUND (unknown unit code),
 *         R57_EPARSE (bad deadline), R57_ESTATE (the task is done or
 *         cancelled).
 */
R57_EXTERN(int)
r57_task_update(r57_db *db, const char *actor, r57_task *task, r57_task_field_t field,
                const char *value);

/**
 * Marks the instance of a regular task that contains the date `period`
 * done on date `on` (R57_DATE_NONE: today).
 * @param db the database the task was read from
 * @param actor who marks it
 * @param task the regular task
 * @param period a date within the instance
 * @param on the date it was done; R57_DATE_NONE: today
 * @return R57_OK, or R57_EINVAL (not a regular task, bad dates),
 *         R57_EEXISTS (that instance is done already), R57_ESTATE (the task
 *         is cancelled).
 */
R57_EXTERN(int)
r57_task_instance_done(r57_db *db, const char *actor, const r57_task *task, r57_date period,
                       r57_date on);

/* Which tasks a task iterator visits.  Fill with R57_TASK_QUERY_INIT. */
typedef struct r57_task_query {
    unsigned int version;     /* R57_TASK_QUERY_VERSION */
    const char *document;     /* only tasks of this document */
    const char *unit;         /* only tasks whose lead is this unit … */
    int include_subunits;     /* … or, when non-zero, a unit below it */
    unsigned int status_mask; /* bit (1u << status) per status to include; 0: all */
} r57_task_query;

#define R57_TASK_QUERY_VERSION 1
#define R57_TASK_QUERY_INIT                                                                        \
    {                                                                                              \
        R57_TASK_QUERY_VERSION, NULL, NULL, 0, 0u                                                  \
    }

/**
 * Fills query with the defaults of the given version (R57_TASK_QUERY_INIT).
 * @param query the query to fill
 * @param version R57_TASK_QUERY_VERSION
 * @return R57_OK, or R57_EINVAL (NULL query, unknown version).
 */
R57_EXTERN(int) r57_task_query_init(r57_task_query *query, unsigned int version);

/**
 * Iterates over the tasks a query selects (query NULL: all), by document
 * number and then in the order they were created.  The caller owns *out.
 * @param out receives the iterator
 * @param db the database
 * @param query which tasks; NULL for all
 * @return R57_OK, R57_EINVAL or R57_ENOTFOUND (unknown document or unit).
 */
R57_EXTERN(int)
r57_task_iterator_new(r57_task_iterator **out, r57_db *db, const r57_task_query *query);

/**
 * The next task (owned by the caller), or R57_ITEROVER at the end.
 * @param out receives the task
 * @param it the iterator
 * @return R57_OK, or R57_ITEROVER at the end.
 */
R57_EXTERN(int) r57_task_next(r57_task **out, r57_task_iterator *it);

/** Frees an iterator. @param it the iterator (may be NULL) */
R57_EXTERN(void) r57_task_iterator_free(r57_task_iterator *it);

/**
 * Timeliness of a task as of a date.
 *   R57_TIMELINESS_NO_DEADLINE  no deadline (and not done or cancelled)
 *   R57_TIMELINESS_ON_TRACK     not done, due later than due_soon_days away
 *   R57_TIMELINESS_DUE_SOON     not done, due within due_soon_days (today
 *                               included)
 *   R57_TIMELINESS_OVERDUE      not done, due date passed
 *   R57_TIMELINESS_DONE_ON_TIME done on or before the due date (or done,
 *                               without a deadline)
 *   R57_TIMELINESS_DONE_LATE    done after the due date
 *   R57_TIMELINESS_CANCELLED    cancelled
 * For a regular task the instance judged is the earliest one, up to the
 * one containing as_of, that is not done: overdue if it has ended,
 * else due soon or on track; when all are done, DONE_ON_TIME or
 * DONE_LATE by the current instance.  Instances start with the period
 * containing the document's date.
 */
typedef enum r57_timeliness_t {
    R57_TIMELINESS_NO_DEADLINE = 0,
    R57_TIMELINESS_ON_TRACK = 1,
    R57_TIMELINESS_DUE_SOON = 2,
    R57_TIMELINESS_OVERDUE = 3,
    R57_TIMELINESS_DONE_ON_TIME = 4,
    R57_TIMELINESS_DONE_LATE = 5,
    R57_TIMELINESS_CANCELLED = 6
} r57_timeliness_t;

/**
 * The name of a timeliness.
 * @param timeliness a timeliness
 * @return "no_deadline", "on_track", "due_soon", "overdue", "done_on_time",
 *         "done_late", "cancelled"; NULL for any other value.  Static.
 */
R57_EXTERN(const char *) r57_timeliness_name(r57_timeliness_t timeliness);

/**
 * The timeliness of a task as of a date.
 * @param out receives the timeliness
 * @param due_out receives the due date it was judged against (the
 *        instance's, for a regular task; may be R57_DATE_NONE); may be NULL
 * @param db the database the task was read from
 * @param task the task
 * @param as_of the date to judge at
 * @param due_soon_days how many days before the due date a task is "due
 *        soon"; >= 0
 * @return R57_OK, or R57_EINVAL (NULL arguments, as_of R57_DATE_NONE,
 *         negative due_soon_days).
 */
R57_EXTERN(int)
r57_task_timeliness(r57_timeliness_t *out, r57_date *due_out, r57_db *db, const r57_task *task,
                    r57_date as_of, int due_soon_days);

typedef struct r57_overdue_iterator r57_overdue_iterator;

/**
 * Iterates over the tasks that are overdue or due within due_soon_days as
 * of a date, optionally only those led by `unit` (and, with
 * include_subunits, the units below it), by due date.  The query uses the
 * index on open tasks' due dates, so it does not read done tasks.
 * @param out receives the iterator
 * @param db the database
 * @param as_of the date to judge at
 * @param due_soon_days how many days before the due date a task is "due soon"
 * @param unit only tasks led by this unit; NULL for all
 * @param include_subunits non-zero: the units below unit too
 * @return R57_OK, R57_EINVAL or R57_ENOTFOUND (unknown unit).
 */
R57_EXTERN(int)
r57_overdue_iterator_new(r57_overdue_iterator **out, r57_db *db, r57_date as_of, int due_soon_days,
                         const char *unit, int include_subunits);

/**
 * The next overdue or due-soon task.
 * @param out receives the task (owned by the caller)
 * @param timeliness receives R57_TIMELINESS_OVERDUE or _DUE_SOON; may be NULL
 * @param due receives its due date; may be NULL
 * @param it the iterator
 * @return R57_OK, R57_ITEROVER at the end, or an error.
 */
R57_EXTERN(int)
r57_overdue_next(r57_task **out, r57_timeliness_t *timeliness, r57_date *due,
                 r57_overdue_iterator *it);

/** Frees an iterator. @param it the iterator (may be NULL) */
R57_EXTERN(void) r57_overdue_iterator_free(r57_overdue_iterator *it);

/* ---- kinds of task ----------------------------------------------------- */

/** The kinds of task a document's evidence rule can name. */
typedef enum r57_task_kind_t {
    R57_TASK_KIND_ONE_OFF = 0, /**< a task with a dated deadline, or none */
    R57_TASK_KIND_REGULAR = 1  /**< a monthly, quarterly, half-yearly or annual task */
} r57_task_kind_t;

/**
 * The name of a kind of task, as the JSON format writes it.
 * @param kind a kind
 * @return "one_off", "regular"; NULL for any other value.  Static.
 */
R57_EXTERN(const char *) r57_task_kind_name(r57_task_kind_t kind);

/* ---- key political tasks (docs/scorecards.md; r57/scorecard.h counts them) */

/** The category of a key political task (docs/scorecards.md). */
typedef enum r57_key_category_t {
    R57_KEY_NONE = -1,                  /**< not a key task */
    R57_KEY_PUBLIC_INVESTMENT = 0,      /**< public investment disbursement */
    R57_KEY_DIGITAL_TRANSFORMATION = 1, /**< digital transformation */
    R57_KEY_SCIENCE_TECHNOLOGY = 2      /**< science and technology */
} r57_key_category_t;

/**
 * The name of a key category.
 * @param category a category
 * @return "public_investment", "digital_transformation",
 *         "science_technology"; NULL otherwise (R57_KEY_NONE too).  Static.
 */
R57_EXTERN(const char *) r57_key_category_name(r57_key_category_t category);

/**
 * The category named by one of the strings of r57_key_category_name.
 * @param out receives the category
 * @param name its name
 * @return R57_OK, or R57_EINVAL (NULL argument, no such name).
 */
R57_EXTERN(int) r57_key_category_parse(r57_key_category_t *out, const char *name);

/**
 * Marks a task a key political task of a category, or not.  Journaled.
 * Needs: manager in the task's owner unit or above.
 * @param db the database the task was read from
 * @param actor who makes the change
 * @param task the task
 * @param category its category, or R57_KEY_NONE: not a key task
 * @return R57_OK, or R57_EINVAL, R57_ENOTFOUND, R57_EPERM.
 */
R57_EXTERN(int)
r57_task_set_key(r57_db *db, const char *actor, const r57_task *task, r57_key_category_t category);

/**
 * The task's key category.
 * @param out receives it (R57_KEY_NONE if it is not a key task)
 * @param db the database the task was read from
 * @param task the task
 * @return R57_OK, or R57_EINVAL, R57_ENOTFOUND.
 */
R57_EXTERN(int) r57_task_key(r57_key_category_t *out, r57_db *db, const r57_task *task);

#ifdef __cplusplus
}
#endif

#endif /* R57_TASK_H */
