/*
 * libr57 — progress reports, evidence, its verification, and the rule
 * that a task is done only when it is "brought to a result"
 * (docs/evidence.md).
 *
 * A reporter of the task's owner unit reports progress (percent, narrative,
 * date; for a regular task the period reported) and submits evidence: an
 * issued document, a link to a system in operation, a dataset, a file
 * (with size, media type and the SHA-256 of its bytes) or minutes.
 * Evidence is submitted, then verified or rejected (with a reason) by a
 * verifier holding authority over the task who did not submit it.
 *
 * A task moves to done, and an instance of a regular task is marked done,
 * only when a verified evidence record supports its product (for an
 * instance: one whose progress report is of that period), unless the
 * task's document relaxes the rule for that kind of task
 * (r57_document_set_evidence_rule in r57/document.h).
 */
#ifndef R57_EVIDENCE_H
#define R57_EVIDENCE_H

#include "common.h"
#include "db.h"
#include "period.h"
#include "task.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- SHA-256 ------------------------------------------------------------ */

/* Room for a SHA-256 in hex: 64 digits and the terminating NUL. */
#define R57_SHA256_HEX_SIZE 65

/**
 * The SHA-256 of `size` bytes at `data` as 64 lower-case hex digits into
 * out (R57_SHA256_HEX_SIZE bytes).  Computed by GNU Nettle.
 * @param out receives the hex digits (R57_SHA256_HEX_SIZE bytes)
 * @param data the bytes
 * @param size their count
 * @return R57_OK, or R57_EINVAL (NULL out, or NULL data with size > 0).
 */
R57_EXTERN(int) r57_sha256(char *out, const void *data, size_t size);

/**
 * The SHA-256 of the file at path, read in pieces, into out; its size in
 * bytes into *size (if size is not NULL).
 * @param out receives the hex digits (R57_SHA256_HEX_SIZE bytes)
 * @param size receives the file's size in bytes; may be NULL
 * @param path the file
 * @return R57_OK, or R57_EINVAL, R57_EIO (the file cannot be opened or
 *         read: the message names it and says why).
 */
R57_EXTERN(int) r57_sha256_file(char *out, int64_t *size, const char *path);

/* ---- progress reports --------------------------------------------------- */

typedef struct r57_progress r57_progress;
typedef struct r57_progress_iterator r57_progress_iterator;

/**
 * Reports progress on a task: percent complete (0–100), a narrative
 * (optional), the date of the report (R57_DATE_NONE: today) and, for a
 * regular task, the period reported ("2025-10" for a monthly task, "2025Q4"
 * for a quarterly one, "2025H2" for a half-yearly one, "2025" for an annual
 * one; NULL for other tasks).
 * The report's id goes to *id (if id is not NULL).
 * Needs: reporter in the task's owner unit or above.
 * @param id receives the report's id; may be NULL
 * @param db the database
 * @param actor the reporter
 * @param task the task
 * @param percent percent complete (0–100)
 * @param narrative the narrative; may be NULL
 * @param on the date of the report; R57_DATE_NONE: today
 * @param period the period reported (regular tasks); NULL for other tasks
 * @return R57_OK, or R57_EINVAL (percent out of range, period given for a
 *         task that is not regular or missing for one that is, or of the
 *         wrong granularity), R57_EPARSE (period), R57_ESTATE (task done or
 *         cancelled), R57_ENOTFOUND (the task was deleted), R57_EPERM.
 */
R57_EXTERN(int)
r57_progress_report(int64_t *id, r57_db *db, const char *actor, const r57_task *task, int percent,
                    const char *narrative, r57_date on, const char *period);

/**
 * A progress report by id; R57_ENOTFOUND if there is none.
 * @param out receives the report (the caller frees it)
 * @param db the database
 * @param id the report's id
 * @return R57_OK, or R57_ENOTFOUND if there is none.
 */
R57_EXTERN(int) r57_progress_get(r57_progress **out, r57_db *db, int64_t id);

/** The report's id; 0 if p is NULL. @param p the report @return the id */
R57_EXTERN(int64_t) r57_progress_id(const r57_progress *p);
/**
 * The task's document number and ref, borrowed.
 * @param p the report
 * @return the document number or the ref; NULL if p is NULL.
 */
R57_EXTERN(const char *) r57_progress_document(const r57_progress *p);
/** The task's ref (borrowed). @param p the report @return the ref; NULL if p is NULL */
R57_EXTERN(const char *) r57_progress_ref(const r57_progress *p);
/** The percent complete; -1 if p is NULL. @param p the report @return the percent */
R57_EXTERN(int) r57_progress_percent(const r57_progress *p);
/** The narrative, borrowed. @param p the report @return the narrative; NULL if p is NULL */
R57_EXTERN(const char *) r57_progress_narrative(const r57_progress *p);
/** The date of the report. @param p the report @return the date; R57_DATE_NONE if p is NULL */
R57_EXTERN(r57_date) r57_progress_date(const r57_progress *p);
/**
 * The period reported (r57/period.h), R57_PERIOD_NONE for a task that is
 * not regular.
 * @param p the report
 * @return the period; R57_PERIOD_NONE for a task that is not regular.
 */
R57_EXTERN(r57_period) r57_progress_period(const r57_progress *p);
/**
 * Who reported it, and when (UTC, ISO 8601).
 * @param p the report
 * @return the reporter or the time, borrowed; NULL if p is NULL.
 */
R57_EXTERN(const char *) r57_progress_reported_by(const r57_progress *p);
/** When it was reported (UTC, ISO 8601). @param p the report @return the time; NULL if p is NULL */
R57_EXTERN(const char *) r57_progress_reported_at(const r57_progress *p);
/** Frees a report. @param p the report (may be NULL) */
R57_EXTERN(void) r57_progress_free(r57_progress *p);

/**
 * The progress reports of a task, oldest first.
 * @param out receives the iterator
 * @param db the database
 * @param task the task
 * @return R57_OK, or an error code.
 */
R57_EXTERN(int)
r57_progress_iterator_new(r57_progress_iterator **out, r57_db *db, const r57_task *task);
/**
 * R57_OK with the next report in *out (caller frees), R57_ITEROVER at the end.
 * @param out receives the next report
 * @param it the iterator
 * @return R57_OK, or R57_ITEROVER at the end.
 */
R57_EXTERN(int) r57_progress_next(r57_progress **out, r57_progress_iterator *it);
/** Frees an iterator. @param it the iterator (may be NULL) */
R57_EXTERN(void) r57_progress_iterator_free(r57_progress_iterator *it);

/* ---- evidence ------------------------------------------------------------ */

typedef struct r57_evidence r57_evidence;
typedef struct r57_evidence_iterator r57_evidence_iterator;

/** The kind of an evidence record (docs/evidence.md). */
typedef enum r57_evidence_kind_t {
    R57_EVIDENCE_KIND_INVALID = -1, /**< what r57_evidence_kind says of NULL */
    R57_EVIDENCE_DOCUMENT = 0,      /**< an issued document: number, date and issuer */
    R57_EVIDENCE_LINK = 1,          /**< a link to a system in operation: uri */
    R57_EVIDENCE_DATASET = 2,       /**< a dataset: uri */
    R57_EVIDENCE_FILE = 3,          /**< a file: its bytes' size, media type, SHA-256 */
    R57_EVIDENCE_MINUTES = 4        /**< minutes of a meeting */
} r57_evidence_kind_t;

/**
 * The name of a kind of evidence.
 * @param kind a kind
 * @return "document", "link", "dataset", "file", "minutes"; NULL for any
 *         other value.  Static.
 */
R57_EXTERN(const char *) r57_evidence_kind_name(r57_evidence_kind_t kind);

/**
 * The kind named by one of the strings of r57_evidence_kind_name.
 * @param out receives the kind
 * @param name its name
 * @return R57_OK, or R57_EINVAL (NULL argument, no such name).
 */
R57_EXTERN(int) r57_evidence_kind_parse(r57_evidence_kind_t *out, const char *name);

/** Where evidence stands: submitted, then verified or rejected. */
typedef enum r57_evidence_status_t {
    R57_EVIDENCE_STATUS_INVALID = -1, /**< what r57_evidence_status says of NULL */
    R57_EVIDENCE_SUBMITTED = 0,
    R57_EVIDENCE_VERIFIED = 1,
    R57_EVIDENCE_REJECTED = 2
} r57_evidence_status_t;

/**
 * The name of a status of evidence.
 * @param status a status
 * @return "submitted", "verified", "rejected"; NULL for any other value.
 *         Static.
 */
R57_EXTERN(const char *) r57_evidence_status_name(r57_evidence_status_t status);

/*
 * What submitted evidence says.  Fill with R57_EVIDENCE_SPEC_INIT.
 *
 * For a file, the library computes size and SHA-256 from `path` (the file
 * is read, and path becomes the uri unless uri is set) or from `data` and
 * `size`; or the caller gives `sha256` (64 hex digits) and `size` for bytes
 * kept elsewhere.  Exactly one of path, data or sha256 for a file; none of
 * them for other kinds.
 */
typedef struct r57_evidence_spec {
    unsigned int version; /* R57_EVIDENCE_SPEC_VERSION */
    r57_evidence_kind_t kind;
    const char *title;           /* required */
    const char *uri;             /* required for link and dataset */
    const char *document_number; /* document: required */
    r57_date document_date;      /* document: required */
    const char *document_issuer; /* document: required */
    const char *path;            /* file: read and hashed */
    const void *data;            /* file: bytes to hash … */
    int64_t size;                /* … and their count (or the size with sha256) */
    const char *sha256;          /* file: a hash computed elsewhere */
    const char *media_type;      /* file: e.g. "application/pdf" (optional) */
    int64_t progress;            /* the progress report it supports; 0: none */
    int product;                 /* 1: it shows the task's product exists */
} r57_evidence_spec;

#define R57_EVIDENCE_SPEC_VERSION 1
#define R57_EVIDENCE_SPEC_INIT                                                                     \
    {                                                                                              \
        R57_EVIDENCE_SPEC_VERSION, R57_EVIDENCE_DOCUMENT, NULL, NULL, NULL, R57_DATE_NONE, NULL,   \
            NULL, NULL, -1, NULL, NULL, 0, 1                                                       \
    }

/**
 * Initialises a spec as R57_EVIDENCE_SPEC_INIT does (for bindings).
 * @param spec the spec to fill
 * @param version R57_EVIDENCE_SPEC_VERSION
 * @return R57_OK, or R57_EINVAL (NULL spec, unknown version).
 */
R57_EXTERN(int) r57_evidence_spec_init(r57_evidence_spec *spec, unsigned int version);

/**
 * Submits evidence for a task; its id goes to *id (if not NULL).  The
 * submitter is `actor`, the time now.
 * Needs: reporter in the task's owner unit or above.
 * @param id receives the evidence's id; may be NULL
 * @param db the database
 * @param actor the submitter
 * @param task the task
 * @param spec what the evidence says (r57_evidence_spec)
 * @return R57_OK, or R57_EINVAL (a required field missing, fields that do
 *         not belong to the kind, a sha256 that is not 64 hex digits, a
 *         progress report of another task), R57_EIO (the file cannot be
 *         read), R57_ENOTFOUND (progress report), R57_ESTATE (task cancelled
 *         or done), R57_EPERM.
 */
R57_EXTERN(int)
r57_evidence_submit(int64_t *id, r57_db *db, const char *actor, const r57_task *task,
                    const r57_evidence_spec *spec);

/**
 * Verifies submitted evidence.
 * Needs: verifier in the task's authority unit or above, or above its
 * owner unit; and not the submitter.
 * @param db the database
 * @param actor the verifier
 * @param id the evidence's id
 * @return R57_OK, or R57_ENOTFOUND (no such evidence), R57_ESTATE (already
 *         verified or rejected), R57_EPERM (no right, or the actor submitted
 *         it).
 */
R57_EXTERN(int) r57_evidence_verify(r57_db *db, const char *actor, int64_t id);

/**
 * Rejects submitted evidence with a reason (required: R57_EINVAL without
 * one).  Same rights and errors as r57_evidence_verify.
 * @param db the database
 * @param actor the verifier
 * @param id the evidence's id
 * @param reason why (required)
 * @return R57_OK, or R57_EINVAL (no reason), R57_ENOTFOUND, R57_ESTATE,
 *         R57_EPERM (as r57_evidence_verify).
 */
R57_EXTERN(int) r57_evidence_reject(r57_db *db, const char *actor, int64_t id, const char *reason);

/**
 * Re-reads a file's bytes and compares them with the recorded size and
 * SHA-256.
 * @param matches receives true if they match, false if not (the error
 *        record then says what differs, for display; the call still
 *        returns R57_OK)
 * @param db the database
 * @param id the evidence
 * @param path the file to read; NULL reads the recorded uri (a path, or a
 *        file:// URI)
 * @return R57_OK, or R57_ENOTFOUND, R57_EINVAL (the evidence is not a
 *         file, or its uri is not local), R57_EIO (the file cannot be read).
 */
R57_EXTERN(int) r57_evidence_recheck(bool *matches, r57_db *db, int64_t id, const char *path);

/**
 * Evidence by id.
 * @param out receives the evidence (the caller frees it)
 * @param db the database
 * @param id the evidence's id
 * @return R57_OK, or R57_ENOTFOUND if there is none.
 */
R57_EXTERN(int) r57_evidence_get(r57_evidence **out, r57_db *db, int64_t id);

/** The evidence's id; 0 if e is NULL. @param e the evidence @return the id */
R57_EXTERN(int64_t) r57_evidence_id(const r57_evidence *e);
/**
 * Accessors of the evidence; strings are borrowed; NULL (strings), 0 or
 * R57_DATE_NONE if e is NULL.
 * @param e the evidence
 * @return the task's document number and ref, the progress report it
 *         supports (0: none), its title, uri, document number, date and
 *         issuer.
 */
R57_EXTERN(const char *) r57_evidence_document(const r57_evidence *e); /* the task's */
/** The task's ref (borrowed). @param e the evidence @return the ref; NULL if e is NULL */
R57_EXTERN(const char *) r57_evidence_ref(const r57_evidence *e); /* the task's */
/** The progress report it supports. @param e the evidence @return its id; 0: none */
R57_EXTERN(int64_t) r57_evidence_progress(const r57_evidence *e); /* 0: none */
/** The kind. @param e the evidence @return the kind; R57_EVIDENCE_KIND_INVALID if e is NULL */
R57_EXTERN(r57_evidence_kind_t) r57_evidence_kind(const r57_evidence *e);
/**
 * The title, uri, and for a document its number, date and issuer; strings
 * are borrowed.
 * @param e the evidence
 * @return the field; NULL (R57_DATE_NONE for the date) if e is NULL.
 */
R57_EXTERN(const char *) r57_evidence_title(const r57_evidence *e);
/** The uri (borrowed). @param e the evidence @return the uri; NULL if e is NULL */
R57_EXTERN(const char *) r57_evidence_uri(const r57_evidence *e);
/** A document's number (borrowed). @param e the evidence @return the number; NULL if e is NULL */
R57_EXTERN(const char *) r57_evidence_document_number(const r57_evidence *e);
/** A document's date. @param e the evidence @return the date; R57_DATE_NONE if e is NULL */
R57_EXTERN(r57_date) r57_evidence_document_date(const r57_evidence *e);
/** A document's issuer (borrowed). @param e the evidence @return the issuer; NULL if e is NULL */
R57_EXTERN(const char *) r57_evidence_document_issuer(const r57_evidence *e);
/**
 * A file's size in bytes, media type and SHA-256 (hex); strings borrowed.
 * @param e the evidence
 * @return the field; -1 (size) or NULL when there is none.
 */
R57_EXTERN(int64_t) r57_evidence_size(const r57_evidence *e); /* -1: none */
/** A file's media type (borrowed). @param e the evidence @return the media type; NULL when there is none */
R57_EXTERN(const char *) r57_evidence_media_type(const r57_evidence *e);
/** A file's SHA-256 (hex, borrowed). @param e the evidence @return the hash; NULL when there is none */
R57_EXTERN(const char *) r57_evidence_sha256(const r57_evidence *e);
/**
 * @param e the evidence
 * @return true if the evidence shows that the task's product exists.
 */
R57_EXTERN(bool) r57_evidence_product(const r57_evidence *e);
/**
 * Where the evidence stands.
 * @param e the evidence
 * @return its status; R57_EVIDENCE_STATUS_INVALID if e is NULL.
 */
R57_EXTERN(r57_evidence_status_t) r57_evidence_status(const r57_evidence *e);
/**
 * Who submitted it, and when (borrowed).
 * @param e the evidence
 * @return the submitter or the time; NULL if e is NULL.
 */
R57_EXTERN(const char *) r57_evidence_submitted_by(const r57_evidence *e);
/** When it was submitted (borrowed). @param e the evidence @return the time; NULL if e is NULL */
R57_EXTERN(const char *) r57_evidence_submitted_at(const r57_evidence *e);
/**
 * Who verified or rejected it, when, and why (NULL while submitted).
 * @param e the evidence
 * @return the verifier, the time or the reason, borrowed; NULL while
 *         submitted.
 */
R57_EXTERN(const char *) r57_evidence_decided_by(const r57_evidence *e);
/** When it was verified or rejected (borrowed). @param e the evidence @return the time; NULL while submitted */
R57_EXTERN(const char *) r57_evidence_decided_at(const r57_evidence *e);
/** Why it was verified or rejected (borrowed). @param e the evidence @return the reason; NULL while submitted */
R57_EXTERN(const char *) r57_evidence_reason(const r57_evidence *e);
/** Frees evidence. @param e the evidence (may be NULL) */
R57_EXTERN(void) r57_evidence_free(r57_evidence *e);

/**
 * The evidence of a task, in the order it was submitted.
 * @param out receives the iterator (r57_evidence_iterator_new) or the next
 *        evidence, owned by the caller (r57_evidence_next)
 * @param db the database
 * @param task the task
 * @return R57_OK, or an error code; r57_evidence_next: R57_ITEROVER at the
 *         end.
 */
R57_EXTERN(int)
r57_evidence_iterator_new(r57_evidence_iterator **out, r57_db *db, const r57_task *task);
/**
 * The next evidence (owned by the caller).
 * @param out receives the evidence
 * @param it the iterator
 * @return R57_OK, or R57_ITEROVER at the end.
 */
R57_EXTERN(int) r57_evidence_next(r57_evidence **out, r57_evidence_iterator *it);
/** Frees an iterator. @param it the iterator (may be NULL) */
R57_EXTERN(void) r57_evidence_iterator_free(r57_evidence_iterator *it);

#ifdef __cplusplus
}
#endif

#endif /* R57_EVIDENCE_H */
