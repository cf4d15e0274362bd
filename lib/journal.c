/* The journal: its hash chain, its verification, and reading it. */
#include "store.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- verification ------------------------------------------------------- */

static const char *const problem_names[] = { "intact",   "edited",    "deleted",
                                             "inserted", "reordered", "unanchored" };

const char *r57_journal_problem_name(r57_journal_problem_t problem)
{
    return problem >= 0 && problem <= R57_JOURNAL_UNANCHORED ? problem_names[problem] : NULL;
}

#define JOURNAL_MESSAGE_SIZE 512

struct r57_journal_report {
    int problem;
    int64_t seq, entries;
    char head[R57_SHA256_HEX_SIZE];
    /* The verdicts name entries by sequence number and 64-digit hash only
     * (the anchor is checked to be 64 hex digits first), so they are well
     * under this. */
    char message[JOURNAL_MESSAGE_SIZE];
};

/* One entry as read, kept while the next is examined. */
typedef struct entry {
    int64_t seq;
    int self_ok; /* its hash matches its stored previous hash and content */
    char prev[R57_SHA256_HEX_SIZE], hash[R57_SHA256_HEX_SIZE];
} entry;

static void copy_hash(char dst[R57_SHA256_HEX_SIZE], const char *src)
{
    snprintf(dst, R57_SHA256_HEX_SIZE, "%s", src ? src : "");
}

static void read_entry(entry *e, const r57__journal_row *row)
{
    char h[R57_SHA256_HEX_SIZE];
    e->seq = row->seq;
    copy_hash(e->prev, row->prev_hash);
    copy_hash(e->hash, row->hash);
    r57__journal_hash(h, row->prev_hash ? row->prev_hash : "", row);
    e->self_ok = row->hash && strcmp(h, row->hash) == 0;
}

static void found(r57_journal_report *r, int problem, int64_t seq, const char *fmt, ...)
    R57__PRINTF(4, 5);

static void found(r57_journal_report *r, int problem, int64_t seq, const char *fmt, ...)
{
    va_list ap;
    r->problem = problem;
    r->seq = seq;
    va_start(ap, fmt);
    vsnprintf(r->message, sizeof r->message, fmt, ap);
    va_end(ap);
}

/* The entries behind the one being judged. */
typedef struct behind {
    char hash[R57_SHA256_HEX_SIZE]; /* the last sound entry's hash ("" at the start) */
    int64_t seq, seq2;              /* its sequence number, and the one's before it */
} behind;

/*
 * Judges entry `cur`, the first whose chain does not hold, knowing the
 * sound entries behind it and the entry after it (`next`, NULL at the end):
 *   - cur's content does not match its hash: if the next entry is chained
 *     to the entry behind cur, cur was put in (inserted), else edited;
 *   - cur is sound but chained to the entry two behind it: the entry just
 *     behind it was inserted (with a hash of its own making);
 *   - cur is sound but chained to another entry still present: reordered;
 *   - cur is sound but chained to an entry no longer present: deleted.
 */
static int judge(r57_journal_report *r, r57_db *db, const entry *cur, const behind *b,
                 const entry *next)
{
    long long s = (long long)cur->seq;
    if (!cur->self_ok) {
        if (next && strcmp(next->prev, b->hash) == 0)
            found(r, R57_JOURNAL_INSERTED, cur->seq,
                  "journal entry %lld was not written by libr57: the entry after it is "
                  "chained to entry %lld, before it (an entry was inserted)",
                  s, (long long)b->seq);
        else
            found(r, R57_JOURNAL_EDITED, cur->seq,
                  "journal entry %lld was edited: its content no longer matches its hash", s);
        return R57_OK;
    }
    int64_t linked = 0;
    int ret = *cur->prev ? r57__store_journal_seq_of_hash(db, cur->prev, &linked) : R57_ENOTFOUND;
    if (ret == R57_OK && b->seq && linked == b->seq2) {
        found(r, R57_JOURNAL_INSERTED, b->seq,
              "journal entry %lld was not written by libr57: entry %lld is chained to entry "
              "%lld, before it (an entry was inserted)",
              (long long)b->seq, s, (long long)b->seq2);
    } else if (ret == R57_OK) {
        found(r, R57_JOURNAL_REORDERED, cur->seq,
              "journal entry %lld is out of order: it was chained to entry %lld, which is "
              "elsewhere now",
              s, (long long)linked);
    } else if (ret != R57_ENOTFOUND) {
        return ret;
    } else if (!*cur->prev) {
        found(r, R57_JOURNAL_INSERTED, cur->seq,
              "journal entry %lld claims to be the first but follows entry %lld", s,
              (long long)b->seq);
    } else {
        found(r, R57_JOURNAL_DELETED, cur->seq,
              "the journal entry before entry %lld was deleted: entry %lld is chained to an "
              "entry that is gone",
              s, s);
    }
    return R57_OK;
}

int r57_journal_verify(r57_journal_report **out, r57_db *db, const char *anchor)
{
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_journal_verify: %s is NULL", out ? "db" : "out");
    *out = NULL;
    if (anchor && !r57__is_sha256_hex(anchor))
        return r57__error(R57_EINVAL, "anchor '%s' is not a SHA-256 (64 hex digits)", anchor);
    r57_journal_report *r = r57__calloc(1, sizeof *r);
    if (!r)
        return r57__error_nomem();
    snprintf(r->message, sizeof r->message, "the journal is intact");

    r57__cursor *c;
    int ret = r57__store_journal_cursor(&c, db, NULL, NULL);
    if (ret < 0) {
        r57__free(r);
        return ret;
    }
    /* Entries in order, behind the one judged: the last sound ones. */
    behind b = { "", 0, 0 };
    int anchored = anchor == NULL;
    entry cur, next;
    r57__journal_row row;
    int have_cur = 0;
    while (ret == R57_OK) {
        int step = r57__store_journal_cursor_next(c, &row);
        if (step < 0 && step != R57_ITEROVER) {
            ret = step;
            break;
        }
        if (step == R57_OK) {
            r->entries++;
            read_entry(&next, &row);
        }
        if (have_cur) {
            if (!cur.self_ok || strcmp(cur.prev, b.hash) != 0) {
                ret = judge(r, db, &cur, &b, step == R57_OK ? &next : NULL);
                break;
            }
            if (!anchored && strcasecmp(cur.hash, anchor) == 0)
                anchored = 1;
            copy_hash(b.hash, cur.hash);
            b.seq2 = b.seq;
            b.seq = cur.seq;
        }
        if (step == R57_ITEROVER)
            break;
        cur = next;
        have_cur = 1;
    }
    r57__cursor_free(c);
    if (ret < 0) {
        r57__free(r);
        return ret;
    }
    copy_hash(r->head, b.hash);
    if (r->problem == R57_JOURNAL_INTACT && !anchored) {
        r->problem = R57_JOURNAL_UNANCHORED;
        snprintf(r->message, sizeof r->message,
                 "the anchored journal entry %s is no longer in the journal: entries up to "
                 "it were rewritten or deleted",
                 anchor);
    }
    *out = r;
    return R57_OK;
}

r57_journal_problem_t r57_journal_report_problem(const r57_journal_report *r)
{
    return r ? r->problem : R57_JOURNAL_INVALID;
}
int64_t r57_journal_report_seq(const r57_journal_report *r) { return r ? r->seq : 0; }
const char *r57_journal_report_message(const r57_journal_report *r)
{
    return r ? r->message : NULL;
}
int64_t r57_journal_report_entries(const r57_journal_report *r) { return r ? r->entries : 0; }
const char *r57_journal_report_head(const r57_journal_report *r) { return r ? r->head : NULL; }
void r57_journal_report_free(r57_journal_report *r) { r57__free(r); }

/* ---- reading ------------------------------------------------------------ */

struct r57_journal_iterator {
    r57__cursor *cursor;
};

struct r57_journal_entry {
    int64_t seq;
    char *at, *actor, *object, *key, *action, *old_json, *new_json, *hash;
};

int r57_journal_iterator_new(r57_journal_iterator **out, r57_db *db, const char *object,
                             const char *key)
{
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_journal_iterator_new: %s is NULL", out ? "db" : "out");
    if (key && !object)
        return r57__error(R57_EINVAL, "r57_journal_iterator_new: a key needs an object kind");
    r57_journal_iterator *it = r57__calloc(1, sizeof *it);
    if (!it)
        return r57__error_nomem();
    int ret = r57__store_journal_cursor(&it->cursor, db, object, key);
    if (ret < 0) {
        r57__free(it);
        return ret;
    }
    *out = it;
    return R57_OK;
}

void r57_journal_entry_free(r57_journal_entry *e)
{
    if (!e)
        return;
    char **f[] = { &e->at,     &e->actor,    &e->object,   &e->key,
                   &e->action, &e->old_json, &e->new_json, &e->hash };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        r57__free(*f[i]);
    r57__free(e);
}

int r57_journal_next(r57_journal_entry **out, r57_journal_iterator *it)
{
    if (!out || !it)
        return r57__error(R57_EINVAL, "r57_journal_next: %s is NULL", out ? "it" : "out");
    *out = NULL;
    r57__journal_row row;
    int ret = r57__store_journal_cursor_next(it->cursor, &row);
    if (ret < 0)
        return ret;
    r57_journal_entry *e = r57__calloc(1, sizeof *e);
    if (!e)
        return r57__error_nomem();
    e->seq = row.seq;
    const char *src[] = { row.at,     row.actor,    row.object,   row.key,
                          row.action, row.old_json, row.new_json, row.hash };
    char **dst[] = { &e->at,     &e->actor,    &e->object,   &e->key,
                     &e->action, &e->old_json, &e->new_json, &e->hash };
    for (size_t i = 0; i < sizeof src / sizeof src[0]; i++)
        if (src[i] && !(*dst[i] = r57__strdup(src[i]))) {
            r57_journal_entry_free(e);
            return r57__error_nomem();
        }
    *out = e;
    return R57_OK;
}

void r57_journal_iterator_free(r57_journal_iterator *it)
{
    if (!it)
        return;
    r57__cursor_free(it->cursor);
    r57__free(it);
}

int64_t r57_journal_entry_seq(const r57_journal_entry *e) { return e ? e->seq : 0; }
const char *r57_journal_entry_at(const r57_journal_entry *e) { return e ? e->at : NULL; }
const char *r57_journal_entry_actor(const r57_journal_entry *e) { return e ? e->actor : NULL; }
const char *r57_journal_entry_object(const r57_journal_entry *e) { return e ? e->object : NULL; }
const char *r57_journal_entry_key(const r57_journal_entry *e) { return e ? e->key : NULL; }
const char *r57_journal_entry_action(const r57_journal_entry *e) { return e ? e->action : NULL; }
const char *r57_journal_entry_old(const r57_journal_entry *e) { return e ? e->old_json : NULL; }
const char *r57_journal_entry_new(const r57_journal_entry *e) { return e ? e->new_json : NULL; }
const char *r57_journal_entry_hash(const r57_journal_entry *e) { return e ? e->hash : NULL; }
