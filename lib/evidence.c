/* Progress reports, evidence and its verification (docs/evidence.md).
 * The documents' evidence rules and the proof a task needs to be done
 * are in evidence_rule.c, below tasks; this file is above them. */
#include "access.h"
#include "evidence_rule.h"

#include <stdio.h>
#include <string.h>

/* ---- progress reports ---------------------------------------------------- */

struct r57_progress {
    int64_t id, period;
    char *document, *ref, *narrative, *reported_by, *reported_at;
    int percent;
    r57_date reported_on;
};

struct r57_progress_iterator {
    r57__cursor *cursor;
};

static int open_task_check(const r57__task_facts *f, const char *doing)
{
    if (f->status == R57_STATUS_DONE || f->status == R57_STATUS_CANCELLED)
        return r57__error(R57_ESTATE, "%s is %s: no more %s", f->name,
                          r57_task_status_name(f->status), doing);
    return R57_OK;
}

int r57_progress_report(int64_t *id, r57_db *db, const char *actor, const r57_task *task,
                        int percent, const char *narrative, r57_date on, const char *period)
{
    int ret;
    if (!db || !task)
        return r57__error(R57_EINVAL, "r57_progress_report: %s is NULL", db ? "task" : "db");
    if ((ret = r57__require("r57_progress_report", "actor", actor)) < 0)
        return ret;
    if ((ret = r57__task_of(db, task, "r57_progress_report")) < 0)
        return ret;
    if (percent < 0 || percent > 100)
        return r57__error(R57_EINVAL,
                          "progress on task '%s' of '%s': percent %d is not "
                          "between 0 and 100",
                          r57_task_ref(task), r57_task_document(task), percent);
    if (on == R57_DATE_NONE)
        on = r57__date_today();
    if ((ret = r57__store_write_begin(db, "r57_progress_report")) < 0)
        return ret;
    r57__task_facts f;
    int64_t p = R57_PERIOD_NONE, new_id = 0;
    ret = r57__task_facts_get(db, r57_task_id(task), &f);
    if (ret == R57_OK)
        ret = r57__access_task(db, actor, R57_ROLE_REPORTER, -1, &f, "report progress on");
    if (ret == R57_OK)
        ret = open_task_check(&f, "progress can be reported");
    int want = ret == R57_OK ? r57__evidence_period_kind(f.deadline_kind) : -1;
    if (ret == R57_OK && want < 0 && period)
        ret = r57__error(R57_EINVAL,
                         "progress on %s: period '%s' given, but the task is not "
                         "regular",
                         f.name, period);
    else if (ret == R57_OK && want >= 0 && !period)
        ret = r57__error(R57_EINVAL,
                         "progress on %s: the task is regular; say which %s is "
                         "reported",
                         f.name, r57__evidence_period_word(want));
    else if (ret == R57_OK && period) {
        ret = r57_period_parse(&p, period);
        if (ret == R57_OK && r57_period_kind(p) != want)
            ret = r57__error(R57_EINVAL,
                             "progress on %s: period '%s' is not a %s (the task is "
                             "%s)",
                             f.name, period, r57__evidence_period_word(want),
                             r57_deadline_kind_name(f.deadline_kind));
    }
    char at[64];
    r57__timestamp_now(at);
    if (ret == R57_OK) {
        r57__progress_row row = { 0, f.id, p, NULL, NULL, narrative, actor, at, percent, on };
        ret = r57__store_progress_insert(db, &row, &new_id);
    }
    if (ret == R57_OK) {
        char d[R57_DATE_TEXT_SIZE], ps[R57_PERIOD_TEXT_SIZE] = "";
        r57_date_format(d, sizeof d, on);
        if (p != R57_PERIOD_NONE)
            r57_period_format(ps, sizeof ps, p);
        r57__buf j = R57__BUF_INIT, key = R57__BUF_INIT;
        r57__buf_printf(&j, "{\"task\":");
        r57__buf_json_string(&j, r57_task_ref(task));
        r57__buf_printf(&j, ",\"document\":");
        r57__buf_json_string(&j, r57_task_document(task));
        r57__buf_printf(&j, ",\"percent\":%d,\"narrative\":", percent);
        r57__buf_json_string(&j, narrative);
        r57__buf_printf(&j, ",\"date\":\"%s\",\"period\":", d);
        r57__buf_json_string(&j, *ps ? ps : NULL);
        r57__buf_puts(&j, "}");
        r57__buf_printf(&key, "%lld", (long long)new_id);
        ret = j.failed || key.failed
                  ? r57__error_nomem()
                  : r57__store_journal(db, actor, "progress", key.ptr, "create", NULL, j.ptr);
        r57__buf_free(&j);
        r57__buf_free(&key);
    }
    r57__task_facts_free(&f);
    ret = r57__store_write_end(db, ret);
    if (ret == R57_OK && id)
        *id = new_id;
    return ret;
}

void r57_progress_free(r57_progress *p)
{
    if (!p)
        return;
    r57__free(p->document);
    r57__free(p->ref);
    r57__free(p->narrative);
    r57__free(p->reported_by);
    r57__free(p->reported_at);
    r57__free(p);
}

static int progress_copy(const r57__progress_row *row, void *payload)
{
    r57_progress **out = payload, *p = r57__calloc(1, sizeof *p);
    if (!p)
        return r57__error_nomem();
    p->id = row->id;
    p->period = row->period;
    p->percent = row->percent;
    p->reported_on = row->reported_on;
    p->document = r57__strdup(row->document);
    p->ref = r57__strdup(row->ref);
    p->narrative = row->narrative ? r57__strdup(row->narrative) : NULL;
    p->reported_by = r57__strdup(row->reported_by);
    p->reported_at = r57__strdup(row->reported_at);
    if (!p->document || !p->ref || (row->narrative && !p->narrative) || !p->reported_by ||
        !p->reported_at) {
        r57_progress_free(p);
        return r57__error_nomem();
    }
    *out = p;
    return R57_OK;
}

int r57_progress_get(r57_progress **out, r57_db *db, int64_t id)
{
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_progress_get: %s is NULL", out ? "db" : "out");
    *out = NULL;
    int ret = r57__store_progress_by_id(db, id, progress_copy, out);
    return ret == R57_ENOTFOUND
               ? r57__error(R57_ENOTFOUND, "no progress report %lld", (long long)id)
               : ret;
}

int64_t r57_progress_id(const r57_progress *p) { return p ? p->id : 0; }
const char *r57_progress_document(const r57_progress *p) { return p ? p->document : NULL; }
const char *r57_progress_ref(const r57_progress *p) { return p ? p->ref : NULL; }
int r57_progress_percent(const r57_progress *p) { return p ? p->percent : -1; }
const char *r57_progress_narrative(const r57_progress *p) { return p ? p->narrative : NULL; }
r57_date r57_progress_date(const r57_progress *p) { return p ? p->reported_on : R57_DATE_NONE; }
r57_period r57_progress_period(const r57_progress *p) { return p ? p->period : R57_PERIOD_NONE; }
const char *r57_progress_reported_by(const r57_progress *p) { return p ? p->reported_by : NULL; }
const char *r57_progress_reported_at(const r57_progress *p) { return p ? p->reported_at : NULL; }

int r57_progress_iterator_new(r57_progress_iterator **out, r57_db *db, const r57_task *task)
{
    if (!out || !db || !task)
        return r57__error(R57_EINVAL, "r57_progress_iterator_new: NULL argument");
    if (r57__task_of(db, task, "r57_progress_iterator_new") < 0)
        return r57_error_code(r57_error_last());
    r57_progress_iterator *it = r57__calloc(1, sizeof *it);
    if (!it)
        return r57__error_nomem();
    int ret = r57__store_progress_cursor(&it->cursor, db, r57_task_id(task));
    if (ret < 0) {
        r57__free(it);
        return ret;
    }
    *out = it;
    return R57_OK;
}

int r57_progress_next(r57_progress **out, r57_progress_iterator *it)
{
    if (!out || !it)
        return r57__error(R57_EINVAL, "r57_progress_next: %s is NULL", out ? "it" : "out");
    *out = NULL;
    r57__progress_row row;
    int ret = r57__store_progress_cursor_next(it->cursor, &row);
    return ret < 0 ? ret : progress_copy(&row, out);
}

void r57_progress_iterator_free(r57_progress_iterator *it)
{
    if (!it)
        return;
    r57__cursor_free(it->cursor);
    r57__free(it);
}

/* ---- evidence ------------------------------------------------------------ */

static const char *const kind_names[] = { "document", "link", "dataset", "file", "minutes" };
static const char *const status_names[] = { "submitted", "verified", "rejected" };

const char *r57_evidence_kind_name(r57_evidence_kind_t kind)
{
    return kind >= 0 && kind <= R57_EVIDENCE_MINUTES ? kind_names[kind] : NULL;
}

int r57_evidence_kind_parse(r57_evidence_kind_t *out, const char *name)
{
    if (!out || !name)
        return r57__error(R57_EINVAL, "r57_evidence_kind_parse: NULL argument");
    for (int i = 0; i <= R57_EVIDENCE_MINUTES; i++)
        if (strcmp(kind_names[i], name) == 0) {
            *out = i;
            return R57_OK;
        }
    return r57__error(R57_EINVAL,
                      "evidence kind '%s' is not one of document, link, dataset, "
                      "file, minutes",
                      name);
}

const char *r57_evidence_status_name(r57_evidence_status_t status)
{
    return status >= 0 && status <= R57_EVIDENCE_REJECTED ? status_names[status] : NULL;
}

int r57_evidence_spec_init(r57_evidence_spec *spec, unsigned int version)
{
    r57_evidence_spec init = R57_EVIDENCE_SPEC_INIT;
    if (!spec)
        return r57__error(R57_EINVAL, "r57_evidence_spec_init: spec is NULL");
    if (version != R57_EVIDENCE_SPEC_VERSION)
        return r57__error(R57_EINVAL, "r57_evidence_spec_init: unknown version %u", version);
    *spec = init;
    return R57_OK;
}

static int given(const char *s) { return s && !r57__blank(s); }

/* Checks a spec against its kind; fills in the hash and size of a file. */
static int check_spec(const r57_evidence_spec *s, const char *task, char sha[R57_SHA256_HEX_SIZE],
                      int64_t *size)
{
    const char *kind = r57_evidence_kind_name(s->kind);
    if (!kind)
        return r57__error(R57_EINVAL, "evidence for %s: %d is not an evidence kind", task, s->kind);
    if (!given(s->title))
        return r57__error(R57_EINVAL, "evidence for %s: the title is missing", task);
    int is_file = s->kind == R57_EVIDENCE_FILE, is_doc = s->kind == R57_EVIDENCE_DOCUMENT;
    if ((s->kind == R57_EVIDENCE_LINK || s->kind == R57_EVIDENCE_DATASET) && !given(s->uri))
        return r57__error(R57_EINVAL, "%s evidence for %s: the uri is missing", kind, task);
    if (is_doc && (!given(s->document_number) || s->document_date == R57_DATE_NONE ||
                   !given(s->document_issuer)))
        return r57__error(R57_EINVAL, "document evidence for %s: the document's %s is missing",
                          task,
                          !given(s->document_number)          ? "number"
                          : s->document_date == R57_DATE_NONE ? "date"
                                                              : "issuer");
    if (!is_doc && (s->document_number || s->document_date != R57_DATE_NONE || s->document_issuer))
        return r57__error(R57_EINVAL,
                          "%s evidence for %s: document number, date and issuer "
                          "belong to document evidence",
                          kind, task);
    int sources = (s->path != NULL) + (s->data != NULL) + (s->sha256 != NULL);
    if (!is_file) {
        if (sources || s->media_type || s->size >= 0)
            return r57__error(R57_EINVAL,
                              "%s evidence for %s: path, data, size, sha256 and "
                              "media type belong to file evidence",
                              kind, task);
        *sha = '\0';
        *size = -1;
        return R57_OK;
    }
    if (sources != 1)
        return r57__error(R57_EINVAL,
                          "file evidence for %s: give exactly one of path, data "
                          "or sha256 (%d given)",
                          task, sources);
    if (s->path)
        return r57_sha256_file(sha, size, s->path);
    if (s->data) {
        if (s->size < 0)
            return r57__error(R57_EINVAL, "file evidence for %s: data without a size", task);
        *size = s->size;
        return r57_sha256(sha, s->data, (size_t)s->size);
    }
    if (!r57__is_sha256_hex(s->sha256))
        return r57__error(R57_EINVAL,
                          "file evidence for %s: sha256 '%s' is not a SHA-256 "
                          "(64 hex digits)",
                          task, s->sha256);
    for (int i = 0; i < R57_SHA256_HEX_SIZE; i++)
        sha[i] = (char)r57__lower(s->sha256[i]);
    *size = s->size;
    return R57_OK;
}

/* The writes of r57_evidence_submit, in its transaction; *id only on
 * success. */
static int submit_in_txn(int64_t *id, r57_db *db, const char *actor, const r57_task *task,
                         const r57_evidence_spec *spec, const char *sha, int64_t size)
{
    int ret;
    int64_t new_id = 0;
    r57__task_facts f;
    ret = r57__task_facts_get(db, r57_task_id(task), &f);
    if (ret == R57_OK)
        ret = r57__access_task(db, actor, R57_ROLE_REPORTER, -1, &f, "submit evidence for");
    if (ret == R57_OK)
        ret = open_task_check(&f, "evidence can be submitted");
    if (ret == R57_OK && spec->progress > 0) {
        r57_progress *p = NULL;
        ret = r57_progress_get(&p, db, spec->progress);
        if (ret == R57_OK && (strcmp(p->document, r57_task_document(task)) != 0 ||
                              strcmp(p->ref, r57_task_ref(task)) != 0))
            ret = r57__error(R57_EINVAL,
                             "evidence for %s: progress report %lld is of task "
                             "'%s' of '%s'",
                             f.name, (long long)spec->progress, p->ref, p->document);
        r57_progress_free(p);
    }
    char at[64];
    r57__timestamp_now(at);
    const char *uri = spec->uri ? spec->uri : spec->path;
    if (ret == R57_OK) {
        r57__evidence_row row;
        memset(&row, 0, sizeof row);
        row.task_id = f.id;
        row.progress_id = spec->progress;
        row.kind = spec->kind;
        row.title = spec->title;
        row.uri = uri;
        row.document_number = spec->document_number;
        row.document_date = spec->document_date;
        row.document_issuer = spec->document_issuer;
        row.size = size;
        row.media_type = spec->media_type;
        row.sha256 = *sha ? sha : NULL;
        row.product = spec->product != 0;
        row.submitted_by = actor;
        row.submitted_at = at;
        ret = r57__store_evidence_insert(db, &row, &new_id);
    }
    if (ret == R57_OK) {
        r57__buf j = R57__BUF_INIT, key = R57__BUF_INIT;
        r57__buf_puts(&j, "{\"task\":");
        r57__buf_json_string(&j, r57_task_ref(task));
        r57__buf_puts(&j, ",\"document\":");
        r57__buf_json_string(&j, r57_task_document(task));
        r57__buf_printf(&j, ",\"kind\":\"%s\",\"title\":", kind_names[spec->kind]);
        r57__buf_json_string(&j, spec->title);
        r57__buf_puts(&j, ",\"uri\":");
        r57__buf_json_string(&j, uri);
        r57__buf_puts(&j, ",\"sha256\":");
        r57__buf_json_string(&j, *sha ? sha : NULL);
        r57__buf_printf(&j, ",\"size\":%lld,\"product\":%s,\"progress\":%lld}", (long long)size,
                        spec->product ? "true" : "false", (long long)spec->progress);
        r57__buf_printf(&key, "%lld", (long long)new_id);
        ret = j.failed || key.failed
                  ? r57__error_nomem()
                  : r57__store_journal(db, actor, "evidence", key.ptr, "submit", NULL, j.ptr);
        r57__buf_free(&j);
        r57__buf_free(&key);
    }
    r57__task_facts_free(&f);
    if (ret == R57_OK && id)
        *id = new_id;
    return ret;
}

int r57_evidence_submit(int64_t *id, r57_db *db, const char *actor, const r57_task *task,
                        const r57_evidence_spec *spec)
{
    int ret;
    if (!db || !task || !spec)
        return r57__error(R57_EINVAL, "r57_evidence_submit: %s is NULL",
                          !db     ? "db"
                          : !task ? "task"
                                  : "spec");
    if ((ret = r57__require("r57_evidence_submit", "actor", actor)) < 0)
        return ret;
    if ((ret = r57__task_of(db, task, "r57_evidence_submit")) < 0)
        return ret;
    if (spec->version != R57_EVIDENCE_SPEC_VERSION)
        return r57__error(R57_EINVAL, "r57_evidence_submit: unknown spec version %u",
                          spec->version);
    char sha[R57_SHA256_HEX_SIZE];
    int64_t size = -1;
    r57__buf name = R57__BUF_INIT;
    r57__buf_printf(&name, "task '%s' of '%s'", r57_task_ref(task), r57_task_document(task));
    /* The file is read before the transaction starts: no lock is held
     * while a large file is hashed. */
    ret = name.failed ? r57__error_nomem() : check_spec(spec, name.ptr, sha, &size);
    r57__buf_free(&name);
    if (ret < 0)
        return ret;
    if ((ret = r57__store_write_begin(db, "r57_evidence_submit")) < 0)
        return ret;
    ret = submit_in_txn(id, db, actor, task, spec, sha, size);
    return r57__store_write_end(db, ret);
}

struct r57_evidence {
    int64_t id, progress, size;
    char *document, *ref, *title, *uri, *document_number, *document_issuer;
    char *media_type, *sha256, *submitted_by, *submitted_at, *decided_by, *decided_at, *reason;
    r57_date document_date;
    int kind, product, status;
    int64_t task_id;
};

void r57_evidence_free(r57_evidence *e)
{
    if (!e)
        return;
    char *f[] = { e->document,        e->ref,        e->title,  e->uri,          e->document_number,
                  e->document_issuer, e->media_type, e->sha256, e->submitted_by, e->submitted_at,
                  e->decided_by,      e->decided_at, e->reason };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        r57__free(f[i]);
    r57__free(e);
}

static int evidence_copy(const r57__evidence_row *row, void *payload)
{
    r57_evidence **out = payload, *e = r57__calloc(1, sizeof *e);
    if (!e)
        return r57__error_nomem();
    e->id = row->id;
    e->task_id = row->task_id;
    e->progress = row->progress_id;
    e->size = row->size;
    e->document_date = row->document_date;
    e->kind = row->kind;
    e->product = row->product;
    e->status = row->status;
    const char *src[] = {
        row->document,        row->ref,        row->title,  row->uri,          row->document_number,
        row->document_issuer, row->media_type, row->sha256, row->submitted_by, row->submitted_at,
        row->decided_by,      row->decided_at, row->reason
    };
    char **dst[] = {
        &e->document,        &e->ref,        &e->title,  &e->uri,          &e->document_number,
        &e->document_issuer, &e->media_type, &e->sha256, &e->submitted_by, &e->submitted_at,
        &e->decided_by,      &e->decided_at, &e->reason
    };
    for (size_t i = 0; i < sizeof src / sizeof src[0]; i++)
        if (src[i] && !(*dst[i] = r57__strdup(src[i]))) {
            r57_evidence_free(e);
            return r57__error_nomem();
        }
    *out = e;
    return R57_OK;
}

int r57_evidence_get(r57_evidence **out, r57_db *db, int64_t id)
{
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_evidence_get: %s is NULL", out ? "db" : "out");
    *out = NULL;
    int ret = r57__store_evidence_by_id(db, id, evidence_copy, out);
    return ret == R57_ENOTFOUND ? r57__error(R57_ENOTFOUND, "no evidence %lld", (long long)id)
                                : ret;
}

/* Verifies (reason NULL) or rejects evidence. */
static int decide(r57_db *db, const char *actor, int64_t id, const char *reason, const char *func)
{
    int ret;
    int status = reason ? R57_EVIDENCE_REJECTED : R57_EVIDENCE_VERIFIED;
    if (!db)
        return r57__error(R57_EINVAL, "%s: db is NULL", func);
    if ((ret = r57__require(func, "actor", actor)) < 0)
        return ret;
    if ((ret = r57__store_write_begin(db, func)) < 0)
        return ret;
    r57_evidence *e = NULL;
    r57__task_facts f;
    memset(&f, 0, sizeof f);
    ret = r57_evidence_get(&e, db, id);
    if (ret == R57_OK)
        ret = r57__task_facts_get(db, e->task_id, &f);
    if (ret == R57_OK)
        ret = r57__access_verify(db, actor, &f, id);
    if (ret == R57_OK && strcmp(e->submitted_by, actor) == 0)
        ret = r57__error(R57_EPERM,
                         "actor '%s' may not %s evidence %lld of %s: they "
                         "submitted it themselves",
                         actor, reason ? "reject" : "verify", (long long)id, f.name);
    if (ret == R57_OK && e->status != R57_EVIDENCE_SUBMITTED)
        ret = r57__error(R57_ESTATE, "evidence %lld of %s was %s already by '%s'", (long long)id,
                         f.name, status_names[e->status], e->decided_by ? e->decided_by : "?");
    char at[64];
    r57__timestamp_now(at);
    if (ret == R57_OK)
        ret = r57__store_evidence_decide(db, id, status, actor, at, reason);
    if (ret == R57_OK) {
        r57__buf o = R57__BUF_INIT, n = R57__BUF_INIT, key = R57__BUF_INIT;
        r57__buf_puts(&o, "{\"status\":\"submitted\"}");
        r57__buf_printf(&n, "{\"status\":\"%s\",\"reason\":", status_names[status]);
        r57__buf_json_string(&n, reason);
        r57__buf_puts(&n, "}");
        r57__buf_printf(&key, "%lld", (long long)id);
        ret = o.failed || n.failed || key.failed
                  ? r57__error_nomem()
                  : r57__store_journal(db, actor, "evidence", key.ptr, reason ? "reject" : "verify",
                                       o.ptr, n.ptr);
        r57__buf_free(&o);
        r57__buf_free(&n);
        r57__buf_free(&key);
    }
    r57__task_facts_free(&f);
    r57_evidence_free(e);
    return r57__store_write_end(db, ret);
}

int r57_evidence_verify(r57_db *db, const char *actor, int64_t id)
{
    return decide(db, actor, id, NULL, "r57_evidence_verify");
}

int r57_evidence_reject(r57_db *db, const char *actor, int64_t id, const char *reason)
{
    if (!given(reason))
        return r57__error(R57_EINVAL, "rejecting evidence %lld: a reason is required",
                          (long long)id);
    return decide(db, actor, id, reason, "r57_evidence_reject");
}

int r57_evidence_recheck(bool *matches, r57_db *db, int64_t id, const char *path)
{
    if (!matches || !db)
        return r57__error(R57_EINVAL, "r57_evidence_recheck: %s is NULL",
                          matches ? "db" : "matches");
    r57_evidence *e = NULL;
    int ret = r57_evidence_get(&e, db, id);
    if (ret < 0)
        return ret;
    if (e->kind != R57_EVIDENCE_FILE || !e->sha256) {
        ret = r57__error(R57_EINVAL, "evidence %lld is %s evidence, not a file with a hash",
                         (long long)id, kind_names[e->kind]);
    } else if (!path) {
        path = e->uri;
        if (path && strncmp(path, "file://", 7) == 0)
            path += 7;
        if (!path || strstr(path, "://"))
            ret = r57__error(R57_EINVAL,
                             "evidence %lld: its uri '%s' is not a local file; give "
                             "the path to re-check",
                             (long long)id, e->uri ? e->uri : "");
    }
    char sha[R57_SHA256_HEX_SIZE];
    int64_t size = 0;
    if (ret == R57_OK)
        ret = r57_sha256_file(sha, &size, path);
    if (ret == R57_OK) {
        *matches = strcmp(sha, e->sha256) == 0 && (e->size < 0 || size == e->size);
        if (!*matches)
            r57__error(R57_OK,
                       "evidence %lld: file '%s' no longer matches: %lld bytes with "
                       "SHA-256 %s, recorded %lld bytes with SHA-256 %s",
                       (long long)id, path, (long long)size, sha, (long long)e->size, e->sha256);
    }
    r57_evidence_free(e);
    return ret;
}

int64_t r57_evidence_id(const r57_evidence *e) { return e ? e->id : 0; }
const char *r57_evidence_document(const r57_evidence *e) { return e ? e->document : NULL; }
const char *r57_evidence_ref(const r57_evidence *e) { return e ? e->ref : NULL; }
int64_t r57_evidence_progress(const r57_evidence *e) { return e ? e->progress : 0; }
r57_evidence_kind_t r57_evidence_kind(const r57_evidence *e)
{
    return e ? e->kind : R57_EVIDENCE_KIND_INVALID;
}
const char *r57_evidence_title(const r57_evidence *e) { return e ? e->title : NULL; }
const char *r57_evidence_uri(const r57_evidence *e) { return e ? e->uri : NULL; }
const char *r57_evidence_document_number(const r57_evidence *e)
{
    return e ? e->document_number : NULL;
}
r57_date r57_evidence_document_date(const r57_evidence *e)
{
    return e ? e->document_date : R57_DATE_NONE;
}
const char *r57_evidence_document_issuer(const r57_evidence *e)
{
    return e ? e->document_issuer : NULL;
}
int64_t r57_evidence_size(const r57_evidence *e) { return e ? e->size : -1; }
const char *r57_evidence_media_type(const r57_evidence *e) { return e ? e->media_type : NULL; }
const char *r57_evidence_sha256(const r57_evidence *e) { return e ? e->sha256 : NULL; }
bool r57_evidence_product(const r57_evidence *e) { return e ? e->product : 0; }
r57_evidence_status_t r57_evidence_status(const r57_evidence *e)
{
    return e ? e->status : R57_EVIDENCE_STATUS_INVALID;
}
const char *r57_evidence_submitted_by(const r57_evidence *e) { return e ? e->submitted_by : NULL; }
const char *r57_evidence_submitted_at(const r57_evidence *e) { return e ? e->submitted_at : NULL; }
const char *r57_evidence_decided_by(const r57_evidence *e) { return e ? e->decided_by : NULL; }
const char *r57_evidence_decided_at(const r57_evidence *e) { return e ? e->decided_at : NULL; }
const char *r57_evidence_reason(const r57_evidence *e) { return e ? e->reason : NULL; }

struct r57_evidence_iterator {
    r57__cursor *cursor;
};

int r57_evidence_iterator_new(r57_evidence_iterator **out, r57_db *db, const r57_task *task)
{
    if (!out || !db || !task)
        return r57__error(R57_EINVAL, "r57_evidence_iterator_new: NULL argument");
    if (r57__task_of(db, task, "r57_evidence_iterator_new") < 0)
        return r57_error_code(r57_error_last());
    r57_evidence_iterator *it = r57__calloc(1, sizeof *it);
    if (!it)
        return r57__error_nomem();
    int ret = r57__store_evidence_cursor(&it->cursor, db, r57_task_id(task));
    if (ret < 0) {
        r57__free(it);
        return ret;
    }
    *out = it;
    return R57_OK;
}

int r57_evidence_next(r57_evidence **out, r57_evidence_iterator *it)
{
    if (!out || !it)
        return r57__error(R57_EINVAL, "r57_evidence_next: %s is NULL", out ? "it" : "out");
    *out = NULL;
    r57__evidence_row row;
    int ret = r57__store_evidence_cursor_next(it->cursor, &row);
    return ret < 0 ? ret : evidence_copy(&row, out);
}

void r57_evidence_iterator_free(r57_evidence_iterator *it)
{
    if (!it)
        return;
    r57__cursor_free(it->cursor);
    r57__free(it);
}
