/*
 * libr57 — issuing documents: the notices, decisions, plans and resolutions
 * that assign tasks, e.g. notice 07-TB/CQTTBCD of 15 October 2025.
 */
#ifndef R57_DOCUMENT_H
#define R57_DOCUMENT_H

#include "common.h"
#include "db.h"
#include "task.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct r57_document r57_document;
typedef struct r57_document_iterator r57_document_iterator;

/** The kind of an issuing document. */
typedef enum r57_document_kind_t {
    R57_DOC_INVALID = -1, /**< what r57_document_kind says of NULL */
    R57_DOC_NOTICE = 0,
    R57_DOC_DECISION = 1,
    R57_DOC_PLAN = 2,
    R57_DOC_RESOLUTION = 3,
    R57_DOC_DIRECTIVE = 4,
    R57_DOC_OTHER = 5
} r57_document_kind_t;

/**
 * The name of a kind of document.
 * @param kind a kind
 * @return "notice", "decision", …; NULL for any other value.  Static.
 */
R57_EXTERN(const char *) r57_document_kind_name(r57_document_kind_t kind);

/**
 * The kind named by "notice", "decision", ….
 * @param out receives the kind
 * @param name its name
 * @return R57_OK, or R57_EINVAL (NULL argument, no such name).
 */
R57_EXTERN(int) r57_document_kind_parse(r57_document_kind_t *out, const char *name);

/**
 * Records an issuing document.
 * @param db the database
 * @param actor who records it (journaled)
 * @param number its number as printed ("07-TB/CQTTBCD"), unique in the
 *        database
 * @param kind its kind
 * @param issued its date (may be R57_DATE_NONE)
 * @param issuer who issued it (may be NULL)
 * @param title its title (may be NULL)
 * @return R57_OK, or R57_EINVAL (NULL/empty actor or number, unknown
 *         kind), R57_EEXISTS (number taken).
 */
R57_EXTERN(int)
r57_document_create(r57_db *db, const char *actor, const char *number, r57_document_kind_t kind,
                    r57_date issued, const char *issuer, const char *title);

/**
 * Looks a document up by number; the caller owns *out.
 * @param out receives the document
 * @param db the database
 * @param number the document's number
 * @return R57_OK, R57_EINVAL or R57_ENOTFOUND.
 */
R57_EXTERN(int) r57_document_get(r57_document **out, r57_db *db, const char *number);

/**
 * Accessors; strings are borrowed from the document ("" when unset).
 * @param doc the document
 * @return its number, kind, date, issuer or title; NULL (R57_DOC_INVALID,
 *         R57_DATE_NONE) if doc is NULL
 */
R57_EXTERN(const char *) r57_document_number(const r57_document *doc);
/** The kind. @param doc the document @return the kind; R57_DOC_INVALID if doc is NULL */
R57_EXTERN(r57_document_kind_t) r57_document_kind(const r57_document *doc);
/** The date of issue. @param doc the document @return the date; R57_DATE_NONE if doc is NULL */
R57_EXTERN(r57_date) r57_document_issued(const r57_document *doc);
/** Who issued it (borrowed). @param doc the document @return the issuer; NULL if doc is NULL */
R57_EXTERN(const char *) r57_document_issuer(const r57_document *doc);
/** The title (borrowed). @param doc the document @return the title; NULL if doc is NULL */
R57_EXTERN(const char *) r57_document_title(const r57_document *doc);

/**
 * Frees a document.
 * @param doc the document (may be NULL)
 */
R57_EXTERN(void) r57_document_free(r57_document *doc);

/**
 * Sets the accountability rule of a document, or (document NULL) of the
 * database: who answers for a task whose accountability is not written, e.g.
 * "the head of the lead unit answers" — the practice of Vietnamese notices.
 * With a rule in force the lint judges an unwritten accountability "implied"
 * and quotes the rule; with none, "missing".  A document's rule outranks the
 * database's.  rule NULL or blank removes it.  Journaled.
 * @param db the database
 * @param actor who sets it
 * @param document a document's number; NULL: the database's rule
 * @param rule the rule; NULL or blank removes it
 * @return R57_OK, R57_EINVAL (NULL db or actor, rule not UTF-8),
 *         R57_ENOTFOUND (unknown document), R57_EPERM (a document's rule
 *         needs a manager, the database's an administrator).
 */
R57_EXTERN(int)
r57_accountability_rule_set(r57_db *db, const char *actor, const char *document, const char *rule);

/**
 * Iterates over all documents by number.  The caller owns *out and each
 * document that r57_document_next() gives; R57_ITEROVER at the end.
 * @param out receives the iterator (r57_document_iterator_new) or the next
 *        document (r57_document_next)
 * @param db the database
 * @return R57_OK, or an error code; r57_document_next: R57_ITEROVER at the
 *         end.
 */
R57_EXTERN(int) r57_document_iterator_new(r57_document_iterator **out, r57_db *db);
/**
 * The next document (owned by the caller).
 * @param out receives the document
 * @param it the iterator
 * @return R57_OK, or R57_ITEROVER at the end.
 */
R57_EXTERN(int) r57_document_next(r57_document **out, r57_document_iterator *it);
/** Frees an iterator. @param it the iterator (may be NULL) */
R57_EXTERN(void) r57_document_iterator_free(r57_document_iterator *it);

/* ---- the "brought to a result" rule (r57/evidence.h) --------------------- */

/**
 * Sets whether tasks of a kind assigned by a document need verified
 * evidence of their product to be done.  Recorded in the journal.
 * Needs: manager (in any unit).
 * @param db the database
 * @param actor who sets it
 * @param number the document's number
 * @param task_kind the kind of task the rule is for
 * @param required 1 (the default): evidence is required; 0: it is not
 * @return R57_OK, or R57_EINVAL, R57_ENOTFOUND (unknown document), R57_EPERM.
 */
R57_EXTERN(int)
r57_document_set_evidence_rule(r57_db *db, const char *actor, const char *number,
                               r57_task_kind_t task_kind, int required);

/**
 * Whether a document requires evidence for a kind of task.
 * @param out receives true if it does
 * @param db the database
 * @param number the document's number
 * @param task_kind the kind of task
 * @return R57_OK, or R57_EINVAL, R57_ENOTFOUND (unknown document).
 */
R57_EXTERN(int)
r57_document_evidence_rule(bool *out, r57_db *db, const char *number, r57_task_kind_t task_kind);

#ifdef __cplusplus
}
#endif

#endif /* R57_DOCUMENT_H */
