/*
 * libr57 — actors and their roles (docs/access.md).
 *
 * An actor is a person known to the database by a code (the host system's
 * user name, say).  An actor holds roles, each in a unit (and with it the
 * unit's sub-units) or system-wide:
 *
 *   reporter       reports progress, submits evidence and values for the
 *                  tasks and data of its unit and sub-units;
 *   verifier       verifies or rejects evidence of tasks whose authority is
 *                  its unit (or a unit below), or whose owner is below its
 *                  unit — never evidence it submitted itself;
 *   manager        assigns, changes and cancels tasks in its unit's tree,
 *                  records documents and their evidence rules;
 *   administrator  manages units, actors and roles, the indicator
 *                  catalogue, and imports;
 *   auditor        reads (the journal, its verification): holds no right
 *                  to change anything.
 *
 * Every writing call of the library takes the acting actor's code.  A
 * database in which nobody holds the administrator role is in *setup mode*:
 * any actor code is accepted (and journaled), so that data can be loaded
 * and the first administrator registered.  Granting the first
 * administrator role ends setup mode; from then on every writing call
 * checks the actor's roles and a call without the right fails with
 * R57_EPERM naming the actor, the right and the object, changing nothing.
 * The library authorises; authenticating the person behind a code is the
 * host system's job.
 */
#ifndef R57_ACTOR_H
#define R57_ACTOR_H

#include "common.h"
#include "db.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The roles an actor holds (docs/access.md). */
typedef enum r57_role_t {
    R57_ROLE_REPORTER = 0,
    R57_ROLE_VERIFIER = 1,
    R57_ROLE_MANAGER = 2,
    R57_ROLE_ADMINISTRATOR = 3,
    R57_ROLE_AUDITOR = 4
} r57_role_t;

/**
 * The name of a role.
 * @param role a role
 * @return "reporter", "verifier", "manager", "administrator", "auditor";
 *         NULL for any other value.  Static.
 */
R57_EXTERN(const char *) r57_role_name(r57_role_t role);

/**
 * The role named by one of the strings of r57_role_name.
 * @param out receives the role
 * @param name its name
 * @return R57_OK, or R57_EINVAL (NULL argument, no such name).
 */
R57_EXTERN(int) r57_role_parse(r57_role_t *out, const char *name);

/**
 * Registers an actor: code (no whitespace) and display name. Needs: an
 * administrator role (in any unit), except in setup mode.
 * @param db the database
 * @param actor who registers it
 * @param code the new actor's code (no whitespace)
 * @param name its display name
 * @return R57_OK, or R57_EINVAL (NULL/empty argument, code with whitespace),
 *         R57_EEXISTS (code taken), R57_EPERM.
 */
R57_EXTERN(int) r57_actor_create(r57_db *db, const char *actor, const char *code, const char *name);

/**
 * Gives actor `code` a role in `unit` (a unit code: that unit and every unit
 * below it) or, with unit NULL, system-wide.  Granting a role held already
 * is R57_EEXISTS. Needs: administrator in that unit or above (system-wide
 * for a system-wide grant), except in setup mode.
 * @param db the database
 * @param actor who makes the change
 * @param code the actor's code
 * @param role the role
 * @param unit a unit code; NULL: system-wide
 * @return R57_OK, or R57_EINVAL, R57_ENOTFOUND (unknown actor or unit),
 *         R57_EEXISTS, R57_EPERM.
 */
R57_EXTERN(int)
r57_actor_grant(r57_db *db, const char *actor, const char *code, r57_role_t role, const char *unit);

/**
 * Takes back a role given by r57_actor_grant (same unit).  The last
 * administrator role of the database cannot be revoked (R57_ESTATE): the
 * database would fall back into setup mode.
 * @param db the database
 * @param actor who makes the change
 * @param code the actor's code
 * @param role the role
 * @param unit a unit code; NULL: system-wide
 * @return R57_OK, or R57_EINVAL, R57_ENOTFOUND (unknown actor or unit, or
 *         the actor does not hold that role there), R57_ESTATE, R57_EPERM.
 */
R57_EXTERN(int)
r57_actor_revoke(r57_db *db, const char *actor, const char *code, r57_role_t role,
                 const char *unit);

/**
 * Whether an actor holds a role over a unit (granted in that unit, in a
 * unit above it, or system-wide).
 * @param out receives true if it does
 * @param db the database
 * @param code the actor's code
 * @param role the role
 * @param unit a unit code; NULL: only a system-wide grant counts
 * @return R57_OK, or R57_EINVAL, R57_ENOTFOUND (unknown actor or unit).
 */
R57_EXTERN(int)
r57_actor_has_role(bool *out, r57_db *db, const char *code, r57_role_t role, const char *unit);

#ifdef __cplusplus
}
#endif

#endif /* R57_ACTOR_H */
