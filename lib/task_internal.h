/*
 * The task object and what the files of tasks share (task.c, task_write.c,
 * task_query.c, task_resolve.c, task_assign.c; not installed).
 */
#ifndef R57_TASK_INTERNAL_H
#define R57_TASK_INTERNAL_H

#include "store.h"

struct r57_task {
    int64_t id;
    char *document, *ref, *parent_ref, *title;
    char *owner_unit, *owner, *owner_person;
    char *accountability_unit, *accountability, *product;
    char *authority_unit, *authority;
    char *deadline, *coordinating;
    char *resolution, *accountability_rule; /* JSON; the rule in force */
    uint64_t handle;                        /* the token of the handle that read it */
    char **coord_units;
    size_t coord_count;
    int deadline_kind, status;
    r57_date due, done_on;
};

/* ---- task.c ---- */

/* Appends a copy of code to a growing list of codes. */
int r57__task_code_push(char ***list, size_t *n, const char *code);
/* A coordinating unit for the task `payload` (r57__store_task_coords). */
int r57__task_add_coord(const char *code, void *payload);
/* A task object from a row, without its coordinating units. */
int r57__task_from_row(r57_task **out, r57_db *db, const r57__task_row *r);
/* Loads a task with its coordinating units. */
int r57__task_load(r57_task **out, r57_db *db, int64_t id);
/* Resolves an optional unit code for a task field (0 for none). */
int r57__task_unit_id(r57_db *db, const char *ref, const char *what, const char *code, int64_t *id);
/* Journals a change of one field of t (and optionally a second). */
int r57__task_journal_change(r57_db *db, const char *actor, const r57_task *t, const char *action,
                             const char *field, const char *old_value, const char *new_value,
                             const char *extra_field, const char *extra_value);

/* ---- task_resolve.c: what the texts name (resolve.c) ---- */

typedef struct texts {
    char *owner_unit, *authority_unit, *account_unit; /* codes the texts name */
    char **codes;                                     /* coordinating codes found in the texts */
    size_t ncodes;
    r57__buf json; /* the resolutions, stored with the task */
    int any;
} texts;

void r57__task_texts_free(texts *x);
/* Resolves the texts whose codes the spec s does not give; eff is s with
 * the codes they name. */
int r57__task_texts_resolve(r57_db *db, const r57_task_spec *s, r57_task_spec *eff, texts *x);
/* Resolves one task's texts again and stores what changed. */
int r57__task_reresolve(r57_db *db, const char *actor, int64_t id, int *changed);

#endif /* R57_TASK_INTERNAL_H */
