/*
 * libr57 — the journal: every change, chained by hash (docs/journal.md).
 *
 * Every writing call appends entries (actor, UTC time, object, key,
 * action, old and new values as JSON) in the same transaction as the
 * change.  Each entry stores the hash of the entry before it and its own
 * hash: SHA-256 over that previous hash and the entry's canonical content.
 * r57_journal_verify walks the chain and reports the first entry that was
 * edited, deleted, inserted or reordered behind the library's back.
 *
 * Someone who can write the file can also recompute every hash after the
 * point they changed; publish the head hash of a verification somewhere
 * they cannot reach (a report, another system) and pass it back as the
 * anchor: an anchored entry that is gone or changed is then reported too.
 */
#ifndef R57_JOURNAL_H
#define R57_JOURNAL_H

#include "common.h"
#include "db.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct r57_journal_report r57_journal_report;
typedef struct r57_journal_entry r57_journal_entry;
typedef struct r57_journal_iterator r57_journal_iterator;

/** What r57_journal_verify found (docs/journal.md). */
typedef enum r57_journal_problem_t {
    R57_JOURNAL_INVALID = -1,  /**< what r57_journal_report_problem says of NULL */
    R57_JOURNAL_INTACT = 0,    /**< every entry is as it was written */
    R57_JOURNAL_EDITED = 1,    /**< an entry's content no longer matches its hash */
    R57_JOURNAL_DELETED = 2,   /**< the entry before this one is missing */
    R57_JOURNAL_INSERTED = 3,  /**< this entry was not written by the library */
    R57_JOURNAL_REORDERED = 4, /**< this entry follows another than the one it was chained to */
    R57_JOURNAL_UNANCHORED = 5 /**< the anchor hash is no longer in the chain */
} r57_journal_problem_t;

/**
 * The name of a problem.
 * @param problem a problem
 * @return "intact", "edited", "deleted", "inserted", "reordered",
 *         "unanchored"; NULL for any other value.  Static.
 */
R57_EXTERN(const char *) r57_journal_problem_name(r57_journal_problem_t problem);

/**
 * Walks the whole journal.  anchor: a head hash published earlier (64 hex
 * digits), or NULL.  A journal that was tampered with is not an error of the
 * call: the report says what was found.
 * @param out receives the report (r57_journal_report_free)
 * @param db the database
 * @param anchor a head hash published earlier (64 hex digits), or NULL
 * @return R57_OK, or R57_EINVAL (anchor not 64 hex digits), R57_ENOMEM,
 *         R57_EIO.
 */
R57_EXTERN(int) r57_journal_verify(r57_journal_report **out, r57_db *db, const char *anchor);

/**
 * @param r the report
 * @return R57_JOURNAL_INTACT or the first problem found (R57_JOURNAL_INVALID for NULL).
 */
R57_EXTERN(r57_journal_problem_t) r57_journal_report_problem(const r57_journal_report *r);
/**
 * The sequence number of the entry the problem was found at (0 if none).
 * @param r the report
 * @return the sequence number; 0 if none
 */
R57_EXTERN(int64_t) r57_journal_report_seq(const r57_journal_report *r);
/**
 * What was found, in words ("journal entry 7 was edited: …").
 * @param r the report
 * @return the words (borrowed)
 */
R57_EXTERN(const char *) r57_journal_report_message(const r57_journal_report *r);
/**
 * The number of entries read.
 * @param r the report
 * @return the number
 */
R57_EXTERN(int64_t) r57_journal_report_entries(const r57_journal_report *r);
/**
 * The hash of the last entry (the value to publish as an anchor); "" for an
 * empty journal.
 * @param r the report
 * @return the hash (borrowed); "" for an empty journal
 */
R57_EXTERN(const char *) r57_journal_report_head(const r57_journal_report *r);
/**
 * Frees a report.
 * @param r the report (may be NULL)
 */
R57_EXTERN(void) r57_journal_report_free(r57_journal_report *r);

/**
 * Reads the journal in order, all of it or the entries of one object (object
 * "task" and key "07-TB/CQTTBCD#III.8", say; both NULL: every entry; key
 * NULL: every entry of that kind of object).
 * @param out receives the iterator (r57_journal_iterator_new) or the next
 *        entry, owned by the caller (r57_journal_next)
 * @param db the database
 * @param object the kind of object ("task"); NULL: every entry
 * @param key the object's key; NULL: every entry of that kind of object
 * @return R57_OK, or R57_EINVAL (NULL out or db, a key without an object
 *         kind), R57_ENOMEM; r57_journal_next: R57_ITEROVER at the end.
 */
R57_EXTERN(int)
r57_journal_iterator_new(r57_journal_iterator **out, r57_db *db, const char *object,
                         const char *key);
/**
 * The next entry (owned by the caller).
 * @param out receives the entry
 * @param it the iterator
 * @return R57_OK, or R57_ITEROVER at the end.
 */
R57_EXTERN(int) r57_journal_next(r57_journal_entry **out, r57_journal_iterator *it);
/** Frees an iterator. @param it the iterator (may be NULL) */
R57_EXTERN(void) r57_journal_iterator_free(r57_journal_iterator *it);

/**
 * Accessors of an entry: its sequence number, time (UTC), actor,
 * object, key and action; strings are borrowed.
 * @param e the entry
 * @return the field; 0 or NULL if e is NULL
 */
R57_EXTERN(int64_t) r57_journal_entry_seq(const r57_journal_entry *e);
/** When it was written (UTC) (borrowed). @param e the entry @return the field; NULL if e is NULL */
R57_EXTERN(const char *) r57_journal_entry_at(const r57_journal_entry *e);
/** Who made the change (borrowed). @param e the entry @return the field; NULL if e is NULL */
R57_EXTERN(const char *) r57_journal_entry_actor(const r57_journal_entry *e);
/** The kind of object changed (borrowed). @param e the entry @return the field; NULL if e is NULL */
R57_EXTERN(const char *) r57_journal_entry_object(const r57_journal_entry *e);
/** The object's key (borrowed). @param e the entry @return the field; NULL if e is NULL */
R57_EXTERN(const char *) r57_journal_entry_key(const r57_journal_entry *e);
/** The action (borrowed). @param e the entry @return the field; NULL if e is NULL */
R57_EXTERN(const char *) r57_journal_entry_action(const r57_journal_entry *e);
/**
 * Old and new values as JSON objects; NULL when there are none.
 * @param e the entry
 * @return the JSON (borrowed); NULL when there are none
 */
R57_EXTERN(const char *) r57_journal_entry_old(const r57_journal_entry *e);
/** The new values as a JSON object (borrowed). @param e the entry @return the JSON; NULL when there are none */
R57_EXTERN(const char *) r57_journal_entry_new(const r57_journal_entry *e);
/**
 * The entry's own hash.
 * @param e the entry
 * @return the hash (64 hex digits, borrowed); NULL if e is NULL
 */
R57_EXTERN(const char *) r57_journal_entry_hash(const r57_journal_entry *e);
/**
 * Frees an entry.
 * @param e the entry (may be NULL)
 */
R57_EXTERN(void) r57_journal_entry_free(r57_journal_entry *e);

#ifdef __cplusplus
}
#endif

#endif /* R57_JOURNAL_H */
