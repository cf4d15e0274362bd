/*
 * CSV import (RFC 4180: quoted fields, doubled quotes, CRLF or LF) of the
 * two kinds of sheet ministries keep: task sheets
 *   ref,document,issued,title,lead,coordinating,product,deadline_text,authority
 * and sheets of reported figures
 *   indicator|element,scope|unit_code,period,value[,source][,unit|measure]
 * Written by hand: the format is small, and no CSV library among our
 * dependencies reports the row and column of a bad field.
 */
#include "store.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    C_REF,
    C_DOCUMENT,
    C_ISSUED,
    C_TITLE,
    C_LEAD,
    C_COORDINATING,
    C_PRODUCT,
    C_DEADLINE,
    C_AUTHORITY,
    C_COUNT
};

static const char *const columns[C_COUNT] = { "ref",     "document",      "issued",
                                              "title",   "lead",          "coordinating",
                                              "product", "deadline_text", "authority" };

/* Where a field starts: its offset in the record's buffer, line, column. */
typedef struct fpos {
    size_t off;
    int line, col;
} fpos;

typedef struct csv {
    FILE *f;
    int line, col;   /* position of the next character */
    r57__buf fields; /* the record's fields, NUL-separated */
    fpos *at;        /* where each field starts; as many as a record has */
    int n, cap;
} csv;

/* Notes where field i starts.  The array grows: a record has any number of
 * fields, up to what an int counts. */
static int field_start(csv *c, const char *path, int i, size_t off, int line, int col)
{
    if (i >= c->cap) {
        if (c->cap > INT_MAX / 2)
            return r57__error_at(R57_EINVAL, c->at[0].line, col, -1,
                                 "'%s' line %d: a record has more than %d fields", path,
                                 c->at[0].line, INT_MAX / 2);
        int cap = c->cap ? c->cap * 2 : 16;
        fpos *at = r57__realloc(c->at, (size_t)cap * sizeof *at);
        if (!at)
            return r57__error_nomem();
        c->at = at;
        c->cap = cap;
    }
    c->at[i] = (fpos){ off, line, col };
    return R57_OK;
}

/* Reads one record; returns the number of fields, 0 at the end, or a
 * negative code (a quote left open). */
static int record(csv *c, const char *path)
{
    int ch, quoted = 0, at_start = 1, ret;
    c->fields.len = 0;
    c->n = 0;
    if ((ret = field_start(c, path, 0, 0, c->line, c->col)) < 0)
        return ret;
    int any = 0;
    while ((ch = fgetc(c->f)) != EOF) {
        any = 1;
        if (ch == '\n') {
            c->line++;
            c->col = 1;
        } else {
            c->col++;
        }
        if (quoted) {
            if (ch == '"') {
                int next = fgetc(c->f);
                if (next == '"') {
                    c->col++;
                    r57__buf_put(&c->fields, "\"", 1);
                    continue;
                }
                if (next != EOF)
                    ungetc(next, c->f);
                quoted = 0;
                continue;
            }
            char b = (char)ch;
            r57__buf_put(&c->fields, &b, 1);
            continue;
        }
        if (ch == '"' && at_start) {
            quoted = 1;
            at_start = 0;
            continue;
        }
        at_start = 0;
        if (ch == ',' || ch == '\n') {
            r57__buf_put(&c->fields, "", 1);
            if ((ret = field_start(c, path, ++c->n, c->fields.len, c->line, c->col)) < 0)
                return ret;
            at_start = 1;
            if (ch == '\n')
                break;
            continue;
        }
        if (ch == '\r')
            continue;
        char b = (char)ch;
        r57__buf_put(&c->fields, &b, 1);
    }
    if (quoted)
        return r57__error_at(R57_EPARSE, c->at[c->n].line, c->at[c->n].col, -1,
                             "'%s' line %d, column %d: a quoted field is not closed", path,
                             c->at[c->n].line, c->at[c->n].col);
    if (!any)
        return 0;
    if (ch == EOF) { /* last record without a newline */
        r57__buf_put(&c->fields, "", 1);
        c->n++;
    }
    if (c->fields.failed)
        return r57__error_nomem();
    return c->n;
}

static const char *field(const csv *c, int i) { return c->fields.ptr + c->at[i].off; }

/* A sheet must be UTF-8, as everything libr57 stores, exports and puts in
 * a message: the first field holding another byte is refused. */
static int check_utf8(const csv *c, const char *path)
{
    for (int i = 0; i < c->n; i++) {
        const char *f = field(c, i);
        long bad = r57__utf8_invalid(f, strlen(f));
        if (bad >= 0)
            return r57__error_at(R57_EPARSE, c->at[i].line, c->at[i].col, -1,
                                 "'%s' line %d, column %d: the field is not UTF-8 text (byte "
                                 "0x%02x); save the sheet as UTF-8",
                                 path, c->at[i].line, c->at[i].col, (unsigned char)f[bad]);
    }
    return R57_OK;
}

static void trim(char *s)
{
    size_t n = strlen(s), k = 0;
    while (s[k] == ' ' || s[k] == '\t')
        k++;
    memmove(s, s + k, n - k + 1);
    n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
}

/* The document kind its number suggests (Vietnamese abbreviations). */
static int kind_of_number(const char *number)
{
    static const struct {
        const char *abbr;
        int kind;
    } abbrs[] = { { "TB", R57_DOC_NOTICE },     { "QD", R57_DOC_DECISION },
                  { "QĐ", R57_DOC_DECISION },   { "KH", R57_DOC_PLAN },
                  { "NQ", R57_DOC_RESOLUTION }, { "CT", R57_DOC_DIRECTIVE } };
    const char *dash = strchr(number, '-');
    for (size_t i = 0; dash && i < sizeof abbrs / sizeof abbrs[0]; i++)
        if (strncmp(dash + 1, abbrs[i].abbr, strlen(abbrs[i].abbr)) == 0)
            return abbrs[i].kind;
    return R57_DOC_OTHER;
}

typedef struct sheet {
    r57_db *db;
    const char *actor, *path;
    const r57_import_options *opts;
    r57_import_report *report;
    /* Registries: the codes seen so far, and their lines (a code twice is
     * refused, not "the last row wins"). */
    char **codes;
    int *code_lines;
    size_t ncodes;
} sheet;

/* Remembers a unit code of a registry sheet; R57_EEXISTS if seen. */
static int code_seen(sheet *sh, const char *code, int line, int col)
{
    for (size_t i = 0; i < sh->ncodes; i++)
        if (strcmp(sh->codes[i], code) == 0)
            return r57__error_at(R57_EEXISTS, line, col, -1,
                                 "'%s' line %d, column %d: unit code '%s' is on line %d already",
                                 sh->path, line, col, code, sh->code_lines[i]);
    char **v = r57__realloc(sh->codes, (sh->ncodes + 1) * sizeof *v);
    if (v)
        sh->codes = v;
    int *l = v ? r57__realloc(sh->code_lines, (sh->ncodes + 1) * sizeof *l) : NULL;
    if (l)
        sh->code_lines = l;
    if (!v || !l || !(sh->codes[sh->ncodes] = r57__strdup(code)))
        return r57__error_nomem();
    sh->code_lines[sh->ncodes++] = line;
    return R57_OK;
}

/* Finds a unit by code or name; creates it by name when allowed.  *code
 * receives a copy of the code (the caller frees it), or NULL when the text
 * stays text (a vague phrase, or an authority that is no unit). */
static int unit_for(sheet *sh, const char *name, int may_create, char **code, int line, int col)
{
    r57_unit *u = NULL;
    *code = NULL;
    if (!*name)
        return R57_OK;
    if (r57_unit_get(&u, sh->db, name) == R57_OK ||
        r57_unit_find_by_name(&u, sh->db, name) == R57_OK) {
        *code = r57__strdup(r57_unit_code(u));
        r57_unit_free(u);
        return *code ? R57_OK : r57__error_nomem();
    }
    if (r57_error_code(r57_error_last()) == R57_ECONFLICT)
        return r57__error_at(R57_ECONFLICT, line, col, -1, "'%s' line %d, column %d: %s", sh->path,
                             line, col, r57_error_message(r57_error_last()));
    if (!may_create)
        return R57_OK;
    if (!sh->opts->create_units)
        return r57__error_at(R57_ENOTFOUND, line, col, -1,
                             "'%s' line %d, column %d: no unit is named '%s' (allow creating "
                             "units, or register it first)",
                             sh->path, line, col, name);
    int ret = r57__text_code(code, name);
    if (ret == R57_OK)
        ret = r57_unit_create(sh->db, sh->actor, *code, name, R57_UNIT_OTHER,
                              sh->opts->parent_unit);
    if (ret == R57_OK)
        ret = r57__report_add_unit(sh->report, *code);
    if (ret == R57_OK)
        return R57_OK;
    r57__free(*code);
    *code = NULL;
    return r57__error_at(ret, line, col, -1, "'%s' line %d, column %d: %s", sh->path, line, col,
                         r57_error_message(r57_error_last()));
}

/* A text of the sheet that names a body not in the registry: refused
 * (strict), or for the lead, with create_units, registered as a new unit;
 * else kept as written for the lint to report.  *code receives the code
 * of a unit created. */
static int unregistered(sheet *sh, const char *text, r57_resolve_mode_t mode, r57_date on,
                        const char *column, int line, int col, int may_create, char **code)
{
    r57_resolution *r = NULL;
    *code = NULL;
    if (r57__blank(text) || (!sh->opts->strict_units && !(may_create && sh->opts->create_units)))
        return R57_OK;
    if (mode == R57_RESOLVE_LIST && !sh->opts->strict_units) {
        /* Creating: each ';'-separated body of the list on its own. */
        char *copy = r57__strdup(text), *save = NULL;
        int ret = copy ? R57_OK : r57__error_nomem();
        for (char *tok = copy ? strtok_r(copy, ";", &save) : NULL; tok && ret == R57_OK;
             tok = strtok_r(NULL, ";", &save)) {
            char *made = NULL;
            trim(tok);
            ret = unregistered(sh, tok, R57_RESOLVE_LEAD, on, column, line, col, 1, &made);
            r57__free(made);
        }
        r57__free(copy);
        return ret;
    }
    int ret = r57_resolve(&r, sh->db, text, mode, on);
    if (ret < 0)
        return r57__error_at(ret, line, col, -1, "'%s' line %d, column %d: %s", sh->path, line, col,
                             r57_error_message(r57_error_last()));
    if (r57_resolution_kind(r) == R57_RESOLUTION_UNKNOWN) {
        if (sh->opts->strict_units) {
            ret = r57__error_at(R57_ENOTFOUND, line, col, -1,
                                "'%s' line %d, column %d: %s '%s': %s", sh->path, line, col, column,
                                text, r57_resolution_reason(r));
        } else {
            ret = unit_for(sh, text, 1, code, line, col);
        }
    }
    r57_resolution_free(r);
    return ret;
}

static int row(sheet *sh, csv *c, const int *map)
{
    const char *f[C_COUNT];
    int ln[C_COUNT], cl[C_COUNT], ret;
    r57_date issued = R57_DATE_NONE;
    for (int i = 0; i < C_COUNT; i++) {
        f[i] = map[i] >= 0 ? field(c, map[i]) : "";
        ln[i] = map[i] >= 0 ? c->at[map[i]].line : c->at[0].line;
        cl[i] = map[i] >= 0 ? c->at[map[i]].col : 1;
    }
    if (!*f[C_REF] || !*f[C_DOCUMENT]) {
        int i = !*f[C_REF] ? C_REF : C_DOCUMENT;
        return r57__error_at(R57_EINVAL, ln[i], cl[i], -1, "'%s' line %d, column %d: %s is empty",
                             sh->path, ln[i], cl[i], columns[i]);
    }
    /* The document, once. */
    r57_document *d;
    if (r57_document_get(&d, sh->db, f[C_DOCUMENT]) == R57_OK) {
        issued = r57_document_issued(d);
        r57_document_free(d);
    } else {
        if (*f[C_ISSUED] && r57_date_parse(&issued, f[C_ISSUED]) < 0)
            return r57__error_at(R57_EPARSE, ln[C_ISSUED], cl[C_ISSUED], -1,
                                 "'%s' line %d, column %d: %s", sh->path, ln[C_ISSUED],
                                 cl[C_ISSUED], r57_error_message(r57_error_last()));
        ret = r57_document_create(sh->db, sh->actor, f[C_DOCUMENT], kind_of_number(f[C_DOCUMENT]),
                                  issued, NULL, NULL);
        if (ret < 0)
            return r57__error_at(ret, ln[C_DOCUMENT], cl[C_DOCUMENT], -1,
                                 "'%s' line %d, column %d: %s", sh->path, ln[C_DOCUMENT],
                                 cl[C_DOCUMENT], r57_error_message(r57_error_last()));
        sh->report->documents++;
    }
    /* Texts are resolved by r57_task_create; here only what the options
     * ask of bodies not in the registry. */
    char *lead = NULL, *none = NULL;
    ret = unregistered(sh, f[C_LEAD], R57_RESOLVE_LEAD, issued, "lead", ln[C_LEAD], cl[C_LEAD], 1,
                       &lead);
    if (ret == R57_OK)
        ret = unregistered(sh, f[C_COORDINATING], R57_RESOLVE_LIST, issued, "coordinating",
                           ln[C_COORDINATING], cl[C_COORDINATING], 1, &none);
    if (ret == R57_OK)
        ret = unregistered(sh, f[C_AUTHORITY], R57_RESOLVE_LEAD, issued, "authority",
                           ln[C_AUTHORITY], cl[C_AUTHORITY], 0, &none);
    r57_task_spec s = R57_TASK_SPEC_INIT;
    s.document = f[C_DOCUMENT];
    s.ref = f[C_REF];
    s.title = f[C_TITLE];
    s.owner = *f[C_LEAD] ? f[C_LEAD] : NULL;
    s.owner_unit = lead;
    s.product = *f[C_PRODUCT] ? f[C_PRODUCT] : NULL;
    s.deadline = f[C_DEADLINE];
    s.authority = *f[C_AUTHORITY] ? f[C_AUTHORITY] : NULL;
    s.coordinating = *f[C_COORDINATING] ? f[C_COORDINATING] : NULL;
    if (ret == R57_OK)
        ret = r57_task_create(NULL, sh->db, sh->actor, &s);
    r57__free(lead);
    if (ret < 0) {
        if (r57_error_line(r57_error_last()) > 0 && ret != R57_EPARSE)
            return ret; /* already placed in the sheet */
        int col = ret == R57_EPARSE ? C_DEADLINE : C_REF;
        return r57__error_at(ret, ln[col], cl[col], -1, "'%s' line %d, column %d: %s", sh->path,
                             ln[col], cl[col], r57_error_message(r57_error_last()));
    }
    sh->report->tasks++;
    return R57_OK;
}

/* A kind of sheet: its columns, the ones it cannot do without, and what
 * to do with each row. */
typedef struct layout {
    const char *const *columns;
    int count;
    int (*header_ok)(sheet *sh, const int *map);
    int (*row)(sheet *sh, csv *c, const int *map);
    const char *func;
} layout;

static int tasks_header_ok(sheet *sh, const int *map)
{
    if (map[C_REF] < 0 || map[C_DOCUMENT] < 0)
        return r57__error_at(R57_EINVAL, 1, 1, 0,
                             "'%s': the header needs the columns ref and "
                             "document",
                             sh->path);
    return R57_OK;
}

/* The most columns a kind of sheet defines (its layout's, not the file's:
 * a file may have any number, the unknown ones refused or ignored);
 * checked for each layout where they are defined, below. */
#define LAYOUT_MAX 16

static int sheet_import(sheet *sh, csv *c, const layout *lay)
{
    int map[LAYOUT_MAX], n, ret;
    for (int i = 0; i < lay->count; i++)
        map[i] = -1;
    if ((n = record(c, sh->path)) <= 0)
        return n < 0 ? n : r57__error_at(R57_EPARSE, 1, 1, 0, "'%s' is empty", sh->path);
    if ((ret = check_utf8(c, sh->path)) < 0)
        return ret;
    for (int i = 0; i < n; i++) {
        const char *name = field(c, i);
        int k = 0;
        while (k < lay->count && strcmp(lay->columns[k], name) != 0)
            k++;
        if (k == lay->count) {
            if (sh->opts->unknown_fields == R57_UNKNOWN_IGNORE)
                continue;
            return r57__error_at(R57_EINVAL, c->at[i].line, c->at[i].col, -1,
                                 "'%s' line %d, column %d: unknown column '%s'", sh->path,
                                 c->at[i].line, c->at[i].col, name);
        }
        if (map[k] >= 0)
            return r57__error_at(R57_EINVAL, c->at[i].line, c->at[i].col, -1,
                                 "'%s' line %d, column %d: column '%s' appears twice", sh->path,
                                 c->at[i].line, c->at[i].col, name);
        map[k] = i;
    }
    if ((ret = lay->header_ok(sh, map)) < 0)
        return ret;
    int width = n;
    uint64_t items = 0;
    while ((n = record(c, sh->path)) > 0) {
        if (n == 1 && field(c, 0)[0] == '\0')
            continue; /* a blank line */
        if (n != width)
            return r57__error_at(R57_EPARSE, c->at[0].line, 1, -1,
                                 "'%s' line %d: %d columns where the header has %d", sh->path,
                                 c->at[0].line, n, width);
        if ((ret = check_utf8(c, sh->path)) < 0)
            return ret;
        if ((ret = lay->row(sh, c, map)) < 0)
            return ret;
        items++;
        if (sh->opts->progress) {
            int rc = sh->opts->progress(items, (uint64_t)ftell(c->f), sh->opts->progress_payload);
            if ((rc = r57__callback_rc(rc, "import stopped by the progress callback")) < 0)
                return rc;
        }
    }
    return n;
}

/* ---- sheets of reported figures ------------------------------------------ */

enum {
    V_INDICATOR,
    V_ELEMENT,
    V_SCOPE,
    V_UNIT_CODE,
    V_PERIOD,
    V_VALUE,
    V_SOURCE,
    V_MEASURE,
    V_UNIT,
    V_COUNT
};

static const char *const value_columns[V_COUNT] = { "indicator", "element", "scope",
                                                    "unit_code", "period",  "value",
                                                    "source",    "measure", "unit" };

static int values_header_ok(sheet *sh, const int *map)
{
    const char *missing = map[V_INDICATOR] < 0 && map[V_ELEMENT] < 0 ? "indicator or element"
                          : map[V_SCOPE] < 0 && map[V_UNIT_CODE] < 0 ? "scope or unit_code"
                          : map[V_PERIOD] < 0                        ? "period"
                          : map[V_VALUE] < 0                         ? "value"
                                                                     : NULL;
    if (missing)
        return r57__error_at(R57_EINVAL, 1, 1, 0, "'%s': the header has no column %s", sh->path,
                             missing);
    return R57_OK;
}

/* The data element an indicator reports: the one its formula is made of
 * ("#{x}" and nothing else). */
static int element_of_indicator(sheet *sh, const char *code, char **out, int line, int col)
{
    r57_indicator *ind;
    int ret = r57_indicator_get(&ind, sh->db, code);
    if (ret < 0)
        return r57__error_at(ret, line, col, -1, "'%s' line %d, column %d: %s", sh->path, line, col,
                             r57_error_message(r57_error_last()));
    const char *f = r57_indicator_formula(ind);
    size_t n = 0;
    while (f && (*f == ' ' || *f == '\t'))
        f++;
    if (f && strncmp(f, "#{", 2) == 0) {
        n = strcspn(f + 2, "}");
        const char *rest = f + 2 + n;
        if (*rest == '}')
            rest++;
        while (*rest == ' ' || *rest == '\t')
            rest++;
        if (f[2 + n] != '}' || *rest || n == 0)
            n = 0;
    }
    if (n)
        ret = (*out = r57__strndup(f + 2, n)) ? R57_OK : r57__error_nomem();
    else
        ret = r57__error_at(R57_EINVAL, line, col, -1,
                            "'%s' line %d, column %d: indicator '%s' is computed (%s%s%s), not "
                            "reported as one data element; report its data elements instead",
                            sh->path, line, col, code, f ? "formula " : "numerator and denominator",
                            f ? f : "", "");
    r57_indicator_free(ind);
    return ret;
}

/* A scope that names a unit group ("central level", "cấp địa phương", or
 * its code): the group's code into code, 1; 0 when no group has that name. */
static int group_of_scope(sheet *sh, const char *scope, char **code, int line, int col)
{
    r57_group *g = NULL;
    int ret = r57_group_get(&g, sh->db, scope);
    if (ret == R57_ENOTFOUND)
        ret = r57_group_find_by_name(&g, sh->db, scope);
    if (ret == R57_ENOTFOUND)
        return 0;
    if (ret < 0)
        return r57__error_at(ret, line, col, -1, "'%s' line %d, column %d: %s", sh->path, line, col,
                             r57_error_message(r57_error_last()));
    *code = r57__strdup(r57_group_code(g));
    r57_group_free(g);
    return *code ? 1 : r57__error_nomem();
}

/* A scope names a unit by code or name, or by its kind when exactly one
 * unit is of that kind ("nation"), or a unit group (the figure is the
 * group's, stored against it: no unit is made of it); otherwise a unit is
 * created when allowed. */
static int unit_of_scope(sheet *sh, const char *scope, char **code, int line, int col)
{
    int kind;
    if (r57_unit_kind_parse(&kind, scope) == R57_OK) {
        r57_unit_iterator *it;
        r57_unit *u;
        int found = 0, ret = r57_unit_iterator_new(&it, sh->db, NULL);
        while (ret == R57_OK && (ret = r57_unit_next(&u, it)) == R57_OK) {
            if (r57_unit_kind(u) == kind && found++ == 0 &&
                !(*code = r57__strdup(r57_unit_code(u))))
                ret = r57__error_nomem();
            r57_unit_free(u);
        }
        r57_unit_iterator_free(it);
        if (ret == R57_ITEROVER && found == 1)
            return R57_OK;
        r57__free(*code);
        *code = NULL;
        if (ret != R57_ITEROVER && ret < 0)
            return ret;
    }
    int ret = group_of_scope(sh, scope, code, line, col);
    if (ret != 0)
        return ret < 0 ? ret : R57_OK;
    ret = unit_for(sh, scope, 1, code, line, col);
    if (ret == R57_OK && !*code)
        ret = r57__error_at(R57_EINVAL, line, col, -1,
                            "'%s' line %d, column %d: scope '%s' names no unit", sh->path, line,
                            col, scope);
    return ret;
}

static int values_row(sheet *sh, csv *c, const int *map)
{
    const char *f[V_COUNT];
    int ln[V_COUNT], cl[V_COUNT], ret;
    for (int i = 0; i < V_COUNT; i++) {
        f[i] = map[i] >= 0 ? field(c, map[i]) : "";
        ln[i] = map[i] >= 0 ? c->at[map[i]].line : c->at[0].line;
        cl[i] = map[i] >= 0 ? c->at[map[i]].col : 1;
    }
    /* The element and unit codes as written, or owned copies of what the
     * indicator and scope name. */
    const char *element = f[V_ELEMENT], *unit = f[V_UNIT_CODE];
    char *element_of = NULL, *unit_of = NULL;
    int what = *f[V_ELEMENT] ? V_ELEMENT : V_INDICATOR;
    int where = *f[V_UNIT_CODE] ? V_UNIT_CODE : V_SCOPE;
    for (int k = 0; k < 4; k++) {
        int i = (int[]){ what, where, V_PERIOD, V_VALUE }[k];
        if (!*f[i])
            return r57__error_at(R57_EINVAL, ln[i], cl[i], -1,
                                 "'%s' line %d, column %d: %s is "
                                 "empty",
                                 sh->path, ln[i], cl[i], value_columns[i]);
    }
    ret = R57_OK;
    if (what == V_INDICATOR)
        ret = element_of_indicator(sh, f[V_INDICATOR], &element_of, ln[V_INDICATOR],
                                   cl[V_INDICATOR]);
    if (ret == R57_OK && where == V_SCOPE)
        ret = unit_of_scope(sh, f[V_SCOPE], &unit_of, ln[V_SCOPE], cl[V_SCOPE]);
    char *end;
    double v = strtod(f[V_VALUE], &end);
    if (ret == R57_OK && (end == f[V_VALUE] || *end))
        ret = r57__error_at(R57_EPARSE, ln[V_VALUE], cl[V_VALUE], -1,
                            "'%s' line %d, column %d: value '%s' is not a number", sh->path,
                            ln[V_VALUE], cl[V_VALUE], f[V_VALUE]);
    if (ret == R57_OK) {
        ret = r57_value_set(sh->db, sh->actor, element_of ? element_of : element,
                            unit_of ? unit_of : unit, f[V_PERIOD], v,
                            *f[V_SOURCE] ? f[V_SOURCE] : NULL);
        int i = ret == R57_EPARSE ? V_PERIOD : what;
        if (ret < 0)
            ret = r57__error_at(ret, ln[i], cl[i], -1, "'%s' line %d, column %d: %s", sh->path,
                                ln[i], cl[i], r57_error_message(r57_error_last()));
    }
    r57__free(element_of);
    r57__free(unit_of);
    if (ret == R57_OK)
        sh->report->values++;
    return ret;
}

/* ---- registries of units ----------------------------------------------- */

enum {
    U_CODE,
    U_KIND,
    U_PARENT,
    U_NAME_VI,
    U_NAME_EN,
    U_ALIASES,
    U_PREDECESSORS,
    U_SINCE,
    U_COUNT
};

static const char *const unit_columns[U_COUNT] = {
    "code", "kind", "parent", "name_vi", "name_en", "aliases", "predecessors", "predecessors_since"
};

static int units_header_ok(sheet *sh, const int *map)
{
    if (map[U_CODE] < 0 || map[U_KIND] < 0 || map[U_NAME_VI] < 0)
        return r57__error_at(R57_EINVAL, 1, 1, 0,
                             "'%s': the header needs the columns code, "
                             "kind and name_vi",
                             sh->path);
    return R57_OK;
}

typedef struct names {
    r57__unit_name_spec *v;
    size_t n, cap;
} names;

static int names_push(names *ns, int kind, const char *name, const char *of, const char *since)
{
    if (ns->n == ns->cap) {
        size_t cap = ns->cap ? ns->cap * 2 : 8;
        r57__unit_name_spec *v = r57__realloc(ns->v, cap * sizeof *v);
        if (!v)
            return r57__error_nomem();
        ns->v = v;
        ns->cap = cap;
    }
    ns->v[ns->n++] = (r57__unit_name_spec){ kind, name, of, since };
    return R57_OK;
}

/* Splits text (a copy the names point into) on sep, trimming each piece;
 * empty pieces are skipped. */
static int split_names(names *ns, char *text, const char *sep, int kind, const char *since)
{
    char *save = NULL;
    for (char *tok = strtok_r(text, sep, &save); tok; tok = strtok_r(NULL, sep, &save)) {
        trim(tok);
        if (!*tok)
            continue;
        int ret = names_push(ns, kind, tok, NULL, since);
        if (ret < 0)
            return ret;
    }
    return R57_OK;
}

static int units_row(sheet *sh, csv *c, const int *map)
{
    const char *f[U_COUNT];
    int ln[U_COUNT], cl[U_COUNT], ret, kind;
    for (int i = 0; i < U_COUNT; i++) {
        f[i] = map[i] >= 0 ? field(c, map[i]) : "";
        ln[i] = map[i] >= 0 ? c->at[map[i]].line : c->at[0].line;
        cl[i] = map[i] >= 0 ? c->at[map[i]].col : 1;
    }
    for (int k = 0; k < 3; k++) {
        int i = (int[]){ U_CODE, U_KIND, U_NAME_VI }[k];
        if (!*f[i])
            return r57__error_at(R57_EINVAL, ln[i], cl[i], -1,
                                 "'%s' line %d, column %d: %s is "
                                 "empty",
                                 sh->path, ln[i], cl[i], unit_columns[i]);
    }
    if ((ret = code_seen(sh, f[U_CODE], ln[U_CODE], cl[U_CODE])) < 0)
        return ret;
    if (r57_unit_kind_parse(&kind, f[U_KIND]) < 0)
        return r57__error_at(R57_EINVAL, ln[U_KIND], cl[U_KIND], -1, "'%s' line %d, column %d: %s",
                             sh->path, ln[U_KIND], cl[U_KIND], r57_error_message(r57_error_last()));
    if (*f[U_PREDECESSORS] && !*f[U_SINCE])
        return r57__error_at(R57_EINVAL, ln[U_SINCE], cl[U_SINCE], -1,
                             "'%s' line %d, column %d: predecessors are given without the date "
                             "of the merger (predecessors_since)",
                             sh->path, ln[U_SINCE], cl[U_SINCE]);
    names ns = { NULL, 0, 0 };
    char *aliases = r57__strdup(f[U_ALIASES]), *preds = r57__strdup(f[U_PREDECESSORS]);
    char **groups = NULL;
    size_t ngroups = 0;
    ret = aliases && preds ? R57_OK : r57__error_nomem();
    if (ret == R57_OK && *f[U_NAME_EN])
        ret = names_push(&ns, R57_UNIT_NAME_ENGLISH, f[U_NAME_EN], NULL, NULL);
    if (ret == R57_OK)
        ret = split_names(&ns, aliases, ";", R57_UNIT_NAME_ALIAS, NULL);
    /* Predecessors: ';' between merged units, '|' between one's names; the
     * first name of each is the one the others are "of". */
    char *save = NULL;
    for (char *grp = ret == R57_OK ? strtok_r(preds, ";", &save) : NULL; grp && ret == R57_OK;
         grp = strtok_r(NULL, ";", &save)) {
        char **g = r57__realloc(groups, (ngroups + 1) * sizeof *g);
        if (!g) {
            ret = r57__error_nomem();
            break;
        }
        groups = g;
        if (!(groups[ngroups] = r57__strdup(grp))) {
            ret = r57__error_nomem();
            break;
        }
        char *copy = groups[ngroups++], *save2 = NULL;
        const char *first = NULL;
        for (char *tok = strtok_r(copy, "|", &save2); tok && ret == R57_OK;
             tok = strtok_r(NULL, "|", &save2)) {
            trim(tok);
            if (!*tok)
                continue;
            ret = names_push(&ns, R57_UNIT_NAME_PREDECESSOR, tok, first, f[U_SINCE]);
            if (!first)
                first = tok;
        }
    }
    if (ret == R57_OK) {
        r57__unit_spec spec = { f[U_CODE], f[U_NAME_VI], *f[U_PARENT] ? f[U_PARENT] : NULL,
                                kind,      ns.v,         ns.n };
        int created = 0;
        size_t changes = 0;
        ret = r57__unit_register(sh->db, sh->actor, &spec, &created, &changes);
        if (ret < 0) {
            int i = ret == R57_ENOTFOUND ? U_PARENT : U_CODE;
            ret = r57__error_at(ret, ln[i], cl[i], -1, "'%s' line %d, column %d: %s%s", sh->path,
                                ln[i], cl[i], r57_error_message(r57_error_last()),
                                ret == R57_ENOTFOUND ? " (a parent must be registered already "
                                                       "or come earlier in the sheet)"
                                                     : "");
        } else {
            if (created)
                ret = r57__report_add_unit(sh->report, f[U_CODE]);
            sh->report->other += changes;
        }
    }
    for (size_t i = 0; i < ngroups; i++)
        r57__free(groups[i]);
    r57__free(groups);
    r57__free(ns.v);
    r57__free(aliases);
    r57__free(preds);
    return ret;
}

/* ---- registries of unit groups ------------------------------------------ */

enum { G_CODE, G_NAME_VI, G_NAME_EN, G_ALIASES, G_MEMBERS, G_COUNT };

static const char *const group_columns[G_COUNT] = { "code", "name_vi", "name_en", "aliases",
                                                    "members" };

static int groups_header_ok(sheet *sh, const int *map)
{
    if (map[G_CODE] < 0 || map[G_NAME_VI] < 0 || map[G_MEMBERS] < 0)
        return r57__error_at(R57_EINVAL, 1, 1, 0,
                             "'%s': the header needs the columns code, "
                             "name_vi and members",
                             sh->path);
    return R57_OK;
}

/* A group: its names ("aliases" split on ';') and its members (unit codes
 * or "kind:<unit kind>", split on ';'). */
static int groups_row(sheet *sh, csv *c, const int *map)
{
    const char *f[G_COUNT];
    int ln[G_COUNT], cl[G_COUNT], ret;
    for (int i = 0; i < G_COUNT; i++) {
        f[i] = map[i] >= 0 ? field(c, map[i]) : "";
        ln[i] = map[i] >= 0 ? c->at[map[i]].line : c->at[0].line;
        cl[i] = map[i] >= 0 ? c->at[map[i]].col : 1;
    }
    for (int k = 0; k < 2; k++) {
        int i = k ? G_NAME_VI : G_CODE;
        if (!*f[i])
            return r57__error_at(R57_EINVAL, ln[i], cl[i], -1,
                                 "'%s' line %d, column %d: %s is "
                                 "empty",
                                 sh->path, ln[i], cl[i], group_columns[i]);
    }
    names ns = { NULL, 0, 0 };
    names ms = { NULL, 0, 0 };
    const char **members = NULL;
    char *aliases = r57__strdup(f[G_ALIASES]), *mtext = r57__strdup(f[G_MEMBERS]);
    ret = aliases && mtext ? R57_OK : r57__error_nomem();
    if (ret == R57_OK && *f[G_NAME_EN])
        ret = names_push(&ns, R57_UNIT_NAME_ENGLISH, f[G_NAME_EN], NULL, NULL);
    if (ret == R57_OK)
        ret = split_names(&ns, aliases, ";", R57_UNIT_NAME_ALIAS, NULL);
    if (ret == R57_OK)
        ret = split_names(&ms, mtext, ";", 0, NULL);
    if (ret == R57_OK && ms.n && !(members = r57__malloc(ms.n * sizeof *members)))
        ret = r57__error_nomem();
    for (size_t i = 0; ret == R57_OK && i < ms.n; i++)
        members[i] = ms.v[i].name;
    if (ret == R57_OK) {
        r57__group_spec spec = { f[G_CODE], f[G_NAME_VI], ns.v, ns.n, members, ms.n };
        int created = 0;
        size_t changes = 0;
        ret = r57__group_register(sh->db, sh->actor, &spec, &created, &changes);
        if (ret < 0) {
            int i = ret == R57_ENOTFOUND || ret == R57_EINVAL ? G_MEMBERS : G_CODE;
            ret = r57__error_at(ret, ln[i], cl[i], -1, "'%s' line %d, column %d: %s", sh->path,
                                ln[i], cl[i], r57_error_message(r57_error_last()));
        } else {
            sh->report->other += changes + (size_t)created;
        }
    }
    r57__free(members);
    r57__free(ns.v);
    r57__free(ms.v);
    r57__free(aliases);
    r57__free(mtext);
    return ret;
}

/* One sheet of a load: its name, layout and text (NULL: read path). */
typedef struct part {
    const char *path;
    const layout *lay;
    const char *data;
    size_t data_len;
} part;

static int import_parts(r57_import_report **report, r57_db *db, const char *actor,
                        const r57_import_options *opts, const part *parts, size_t nparts);

/* Opens the sheet, checks the actor may import, and loads it in one
 * transaction. */
static int import_sheet(r57_import_report **report, r57_db *db, const char *actor,
                        const r57_import_options *opts, const char *path, const layout *lay,
                        const char *data, size_t data_len)
{
    part p = { path, lay, data, data_len };
    return import_parts(report, db, actor, opts, &p, 1);
}

/* Loads sheets one after the other in one transaction: all or nothing. */
static int import_parts(r57_import_report **report, r57_db *db, const char *actor,
                        const r57_import_options *opts, const part *parts, size_t nparts)
{
    const layout *lay = parts[0].lay;
    const char *path = parts[0].path;
    int ret;
    if (report)
        *report = NULL;
    if (!db)
        return r57__error(R57_EINVAL, "%s: db is NULL", lay->func);
    if ((ret = r57__require(lay->func, "actor", actor)) < 0 ||
        (ret = r57__require(lay->func, "path", path)) < 0)
        return ret;
    r57_import_options o;
    if ((ret = r57__import_options_copy(&o, opts, lay->func)) < 0)
        return ret;
    sheet sh = { db, actor, path, &o, r57__report_new(), NULL, NULL, 0 };
    if (!sh.report)
        return r57__error_nomem();
    ret = r57__import_enter(db, actor, lay->func);
    if (ret == R57_OK) {
        ret = r57_db_begin(db);
        int begun = ret == R57_OK;
        if (ret == R57_ESTATE)
            ret = r57__error(R57_ESTATE, "%s: a transaction is open; the import runs in its own",
                             lay->func);
        for (size_t i = 0; ret == R57_OK && i < nparts; i++) {
            const part *p = &parts[i];
            csv c;
            memset(&c, 0, sizeof c);
            c.line = c.col = 1;
            c.f = p->data ? fmemopen((void *)p->data, p->data_len, "rb") : fopen(p->path, "rb");
            if (!c.f) {
                ret = r57__error(R57_EIO, "cannot read '%s'", p->path);
                break;
            }
            sh.path = p->path;
            ret = sheet_import(&sh, &c, p->lay);
            fclose(c.f);
            r57__buf_free(&c.fields);
            r57__free(c.at);
        }
        if (ret == R57_OK)
            ret = r57_db_commit(db);
        if (ret < 0 && begun)
            r57__db_rollback_keep_error(db);
        ret = r57__import_leave(db, ret);
    }
    if (ret == R57_OK && report)
        *report = sh.report;
    else
        r57_import_report_free(sh.report);
    for (size_t i = 0; i < sh.ncodes; i++)
        r57__free(sh.codes[i]);
    r57__free(sh.codes);
    r57__free(sh.code_lines);
    return ret;
}

_Static_assert(C_COUNT <= LAYOUT_MAX && V_COUNT <= LAYOUT_MAX && U_COUNT <= LAYOUT_MAX &&
                   G_COUNT <= LAYOUT_MAX,
               "a layout has more columns than sheet_import maps");

int r57_import_csv_tasks(r57_import_report **report, r57_db *db, const char *actor,
                         const r57_import_options *opts, const char *path)
{
    static const layout tasks = { columns, C_COUNT, tasks_header_ok, row, "r57_import_csv_tasks" };
    return import_sheet(report, db, actor, opts, path, &tasks, NULL, 0);
}

int r57_import_csv_values(r57_import_report **report, r57_db *db, const char *actor,
                          const r57_import_options *opts, const char *path)
{
    static const layout values = { value_columns, V_COUNT, values_header_ok, values_row,
                                   "r57_import_csv_values" };
    return import_sheet(report, db, actor, opts, path, &values, NULL, 0);
}

int r57_unit_registry_load(r57_import_report **report, r57_db *db, const char *actor,
                           const char *path)
{
    static const layout units = { unit_columns, U_COUNT, units_header_ok, units_row,
                                  "r57_unit_registry_load" };
    static const layout groups = { group_columns, G_COUNT, groups_header_ok, groups_row,
                                   "r57_unit_registry_load" };
    if (path)
        return import_sheet(report, db, actor, NULL, path, &units, NULL, 0);
    /* The units, then the groups of them, in one transaction. */
    const part parts[] = {
        { "built-in data/units_vn.csv", &units, r57__units_vn_csv, r57__units_vn_csv_len },
        { "built-in data/unit_groups.csv", &groups, r57__unit_groups_csv,
          r57__unit_groups_csv_len },
    };
    return import_parts(report, db, actor, NULL, parts, 2);
}
