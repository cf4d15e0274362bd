/*
 * NDJSON import (docs/json-format.md): a header line, then one object per
 * line with its "type", committed in batches so that a long file can be
 * resumed from the line after the last batch (start_line).  Each object
 * goes through the JSON importer's checks (import.c).
 */
#include "import_internal.h"
#include "store.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#define NDJSON_HEADER_MISSING                                                                      \
    "the first line must be the header {\"format\":\"libr57-ndjson\",\"version\":1}"

/* Reads one line into b (without the newline or a CR before it); *got is
 * the number of bytes read, newline included: 0 at the end of the file. */
static int read_line(FILE *f, r57__buf *b, size_t *got)
{
    b->len = 0;
    *got = 0;
    int c;
    while ((c = fgetc(f)) != EOF) {
        ++*got;
        if (c == '\n')
            break;
        char ch = (char)c;
        if (r57__buf_put(b, &ch, 1) < 0)
            return r57__error_nomem();
    }
    if (b->len && b->ptr[b->len - 1] == '\r')
        b->len--;
    if (b->ptr)
        b->ptr[b->len] = '\0';
    return R57_OK;
}

static int import_ndjson(r57_import_report **report, r57_db *db, const char *actor,
                         const r57_import_options *opts, const char *path);

int r57_import_ndjson_file(r57_import_report **report, r57_db *db, const char *actor,
                           const r57_import_options *opts, const char *path)
{
    int ret;
    if (report)
        *report = NULL;
    if ((ret = r57__import_enter(db, actor, "r57_import_ndjson_file")) < 0)
        return ret;
    return r57__import_leave(db, import_ndjson(report, db, actor, opts, path));
}

static int import_ndjson(r57_import_report **report, r57_db *db, const char *actor,
                         const r57_import_options *opts, const char *path)
{
    importer im;
    json_error_t jerr;
    int ret = r57__import_setup(&im, report, db, actor, opts, "r57_import_ndjson_file");
    if (ret < 0)
        return ret;
    if ((ret = r57__require("r57_import_ndjson_file", "path", path)) < 0)
        return r57__import_finish(&im, report, ret);
    FILE *f = fopen(path, "rb");
    if (!f)
        return r57__import_finish(&im, report, r57__error(R57_EIO, "cannot read '%s'", path));
    im.path = path;
    uint64_t batch = im.opts->batch_size ? im.opts->batch_size : 10000;
    uint64_t start = im.opts->start_line ? im.opts->start_line : 1;
    r57__buf line = R57__BUF_INIT;
    uint64_t lineno = 0, in_batch = 0;
    size_t got;
    int in_txn = 0;
    /* Lines before start_line were committed by an earlier run; the
     * header (line 1) is always read and checked. */
    while (ret == R57_OK && (ret = read_line(f, &line, &got)) == R57_OK && got) {
        lineno++;
        im.offset_base = (long)im.bytes;
        im.bytes += got;
        if (lineno > 1 && lineno < start)
            continue;
        im.text = line.len ? line.ptr : "";
        im.len = line.len;
        im.line_base = lineno;
        /* Blank lines are allowed, except in place of the header. */
        if (line.len == 0) {
            if (lineno > 1)
                continue;
            ret = r57__import_fail_at(&im, R57_EINVAL, "", NDJSON_HEADER_MISSING);
            break;
        }
        json_t *o;
        if ((ret = r57__json_parse(&o, im.text, line.len, NULL, &jerr)) < 0) {
            if (ret == R57_EPARSE)
                ret = r57__import_fail_syntax(&im, &jerr, (int)lineno);
            break;
        }
        if (lineno == 1) {
            json_t *ver = json_object_get(o, "version");
            const char *format = json_string_value(json_object_get(o, "format"));
            if (!format || strcmp(format, "libr57-ndjson") != 0)
                ret = r57__import_fail_at(&im, R57_EINVAL, "", NDJSON_HEADER_MISSING);
            else if (!json_is_integer(ver))
                ret = r57__import_fail_at(&im, R57_EINVAL, ver ? "/version" : "",
                                          "\"version\" must be an integer");
            else if (json_integer_value(ver) < 1 || json_integer_value(ver) > R57_FORMAT_VERSION)
                ret = r57__import_fail_at(&im, R57_EVERSION, "/version",
                                          "format version %lld is not one this libr57 reads (1 to "
                                          "%d)",
                                          (long long)json_integer_value(ver), R57_FORMAT_VERSION);
            json_decref(o);
            continue;
        }
        if (!json_is_object(o)) {
            ret = r57__import_fail_at(&im, R57_EINVAL, "", "the line is not a JSON object");
            json_decref(o);
            break;
        }
        const char *type = json_string_value(json_object_get(o, "type"));
        r57__import_fn fn = r57__import_kind(type);
        if (!fn) {
            ret = r57__import_fail_at(&im, R57_EINVAL, type ? "/type" : "",
                                      type ? "unknown type '%s'" : "the object has no \"type\"%s",
                                      type ? type : "");
            json_decref(o);
            break;
        }
        if (!in_txn) {
            if ((ret = r57__import_begin(db, "r57_import_ndjson_file")) < 0) {
                json_decref(o);
                break;
            }
            in_txn = 1;
        }
        ret = fn(&im, o, "", "type");
        json_decref(o);
        if (ret == R57_OK)
            ret = r57__import_progress(&im, 0);
        if (ret == R57_OK && ++in_batch >= batch) {
            if ((ret = r57_db_commit(db)) == R57_OK) {
                in_txn = 0;
                in_batch = 0;
                im.report->last_line = lineno;
            }
        }
    }
    if (ret == R57_OK && ferror(f))
        ret = r57__error(R57_EIO, "reading '%s' failed", path);
    if (ret == R57_OK && lineno == 0) {
        im.text = "";
        ret = r57__import_fail_at(&im, R57_EINVAL, "", "the file is empty; " NDJSON_HEADER_MISSING);
    }
    if (in_txn) {
        if (ret == R57_OK)
            ret = r57_db_commit(db);
        if (ret == R57_OK)
            im.report->last_line = lineno;
        else
            r57__db_rollback_keep_error(db);
    } else if (ret == R57_OK) {
        im.report->last_line = lineno;
    }
    if (ret == R57_OK)
        ret = r57__import_progress(&im, 1);
    fclose(f);
    r57__buf_free(&line);
    /* The report says how far the committed part reached, even on failure. */
    if (ret < 0 && report) {
        *report = im.report;
        return ret;
    }
    return r57__import_finish(&im, report, ret);
}
