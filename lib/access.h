/*
 * The access checks every writing call makes, inside its transaction and
 * before its first write (access.c, docs/access.md).  The roles
 * themselves, and granting them, are actor.c's.
 */
#ifndef R57_ACCESS_H
#define R57_ACCESS_H

#include "internal.h"

/*
 * Checks that `actor` may act: in setup mode (or while an import or a
 * catalogue load bypasses per-object checks, db->access_bypass) always;
 * otherwise the actor must hold `role` over unit_id (> 0: in that unit or
 * above; 0: system-wide; -1: in any unit).  On refusal returns R57_EPERM
 * with "actor 'A' may not <what>: <why>", `what` naming the right and the
 * object.
 */
int r57__access(r57_db *db, const char *actor, int role, int64_t unit_id, const char *what);
/* r57__access, with the action it may refuse formatted in words ("create
 * data element '%s'").  The words are built whole, however long the codes
 * in them: no fixed buffer, so a refusal never names a code cut short. */
int r57__access_fmt(r57_db *db, const char *actor, int role, int64_t unit_id, const char *fmt, ...)
    R57__PRINTF(5, 6);
/* As r57__access, allowing either of two roles over the same unit. */
int r57__access2(r57_db *db, const char *actor, int role, int role2, int64_t unit_id,
                 const char *what);
/* 1 in setup mode or under bypass (no check needed), 0 otherwise; <0 error. */
int r57__access_open(r57_db *db);
/* r57__access2 over the task's owner unit; `doing` is the right in words
 * ("report progress on"), the task's name follows it. */
int r57__access_task(r57_db *db, const char *actor, int role, int role2, const r57__task_facts *f,
                     const char *doing);
/* The verifier's right over evidence_id of task f: the role in the task's
 * authority unit or above, or above its owner unit (or system-wide when
 * the task names neither). */
int r57__access_verify(r57_db *db, const char *actor, const r57__task_facts *f,
                       int64_t evidence_id);

#endif /* R57_ACCESS_H */
