/* The public report: a static site and its JSON (docs/report.md).  Built
 * only from the public API, as a host could build it; the JSON is made
 * first and the pages are drawn from it, so the two always agree. */
#include "internal.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int r57_report_options_init(r57_report_options *opts, unsigned int version)
{
    r57_report_options init = R57_REPORT_OPTIONS_INIT;
    if (!opts)
        return r57__error(R57_EINVAL, "r57_report_options_init: opts is NULL");
    if (version != R57_REPORT_OPTIONS_VERSION)
        return r57__error(R57_EINVAL, "r57_report_options_init: unknown version %u", version);
    *opts = init;
    return R57_OK;
}

/* ---- gathering, into JSON ----------------------------------------------- */

typedef struct ctx {
    r57_db *db;
    const r57_report_options *o;
    r57_date as_of;
    char period[R57_PERIOD_TEXT_SIZE];
    json_t *indicators; /* [{code, name, measure, direction}] */
} ctx;

#define NOMEM_IF(x) ((x) ? R57_OK : r57__error_nomem())

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *date_or_null(r57_date d)
{
    char buf[R57_DATE_TEXT_SIZE];
    return d != R57_DATE_NONE && r57_date_format(buf, sizeof buf, d) == R57_OK ? json_string(buf)
                                                                               : json_null();
}

static json_t *num_or_null(double v) { return isfinite(v) ? json_real(v) : json_null(); }

static int set(json_t *o, const char *key, json_t *v)
{
    return v && json_object_set_new(o, key, v) == 0 ? R57_OK : r57__error_nomem();
}

static int evidence_of(ctx *x, r57_task *t, json_t *list)
{
    r57_evidence_iterator *it;
    r57_evidence *e;
    int ret = r57_evidence_iterator_new(&it, x->db, t);
    if (ret < 0)
        return ret;
    while ((ret = r57_evidence_next(&e, it)) == R57_OK) {
        int st = r57_evidence_status(e);
        if (st == R57_EVIDENCE_VERIFIED ||
            (st == R57_EVIDENCE_REJECTED && x->o->include_rejected)) {
            json_t *j = json_object();
            ret = NOMEM_IF(j);
            if (ret == R57_OK)
                ret = set(j, "kind", json_string(r57_evidence_kind_name(r57_evidence_kind(e))));
            if (ret == R57_OK)
                ret = set(j, "title", json_string(r57_evidence_title(e)));
            if (ret == R57_OK)
                ret = set(j, "uri", str_or_null(r57_evidence_uri(e)));
            if (ret == R57_OK && r57_evidence_kind(e) == R57_EVIDENCE_DOCUMENT) {
                ret = set(j, "document_number", json_string(r57_evidence_document_number(e)));
                if (ret == R57_OK)
                    ret = set(j, "document_date", date_or_null(r57_evidence_document_date(e)));
                if (ret == R57_OK)
                    ret = set(j, "document_issuer", json_string(r57_evidence_document_issuer(e)));
            }
            if (ret == R57_OK && r57_evidence_sha256(e))
                ret = set(j, "sha256", json_string(r57_evidence_sha256(e)));
            if (ret == R57_OK)
                ret = set(j, "status", json_string(r57_evidence_status_name(st)));
            if (ret == R57_OK && st == R57_EVIDENCE_REJECTED)
                ret = set(j, "reason", str_or_null(r57_evidence_reason(e)));
            if (ret == R57_OK)
                ret = NOMEM_IF(json_array_append_new(list, j) == 0);
            else
                json_decref(j);
        }
        r57_evidence_free(e);
        if (ret < 0)
            break;
    }
    r57_evidence_iterator_free(it);
    return ret == R57_ITEROVER ? R57_OK : ret;
}

static int tasks_of(ctx *x, const char *unit, json_t *list)
{
    r57_task_query q = R57_TASK_QUERY_INIT;
    r57_task_iterator *it;
    r57_task *t;
    q.unit = unit;
    q.include_subunits = 0;
    int ret = r57_task_iterator_new(&it, x->db, &q);
    if (ret < 0)
        return ret;
    while ((ret = r57_task_next(&t, it)) == R57_OK) {
        r57_timeliness_t state = R57_TIMELINESS_NO_DEADLINE;
        r57_date due = R57_DATE_NONE;
        json_t *j = json_object(), *ev = json_array();
        ret = j && ev ? R57_OK : r57__error_nomem();
        if (ret == R57_OK)
            ret = r57_task_timeliness(&state, &due, x->db, t, x->as_of, x->o->due_soon_days);
        const char *keys[] = { "document", "ref", "title", "product", "deadline", "authority" };
        const char *vals[] = { r57_task_document(t),      r57_task_ref(t),
                               r57_task_title(t),         r57_task_product(t),
                               r57_task_deadline_text(t), r57_task_authority(t) };
        for (size_t i = 0; ret == R57_OK && i < sizeof keys / sizeof keys[0]; i++)
            ret = set(j, keys[i], str_or_null(vals[i]));
        if (ret == R57_OK)
            ret = set(j, "due", date_or_null(due));
        if (ret == R57_OK)
            ret = set(j, "status", json_string(r57_task_status_name(r57_task_status(t))));
        if (ret == R57_OK)
            ret = set(j, "timeliness", json_string(r57_timeliness_name(state)));
        if (ret == R57_OK)
            ret = set(j, "done_on", date_or_null(r57_task_done_on(t)));
        if (ret == R57_OK)
            ret = evidence_of(x, t, ev);
        if (ret == R57_OK) {
            ret = set(j, "evidence", ev);
            ev = NULL;
        }
        if (ret == R57_OK) {
            ret = NOMEM_IF(json_array_append_new(list, j) == 0);
            j = NULL;
        }
        json_decref(ev);
        json_decref(j);
        r57_task_free(t);
        if (ret < 0)
            break;
    }
    r57_task_iterator_free(it);
    return ret == R57_ITEROVER ? R57_OK : ret;
}

/* Each indicator with a value for the unit and period, with its target and
 * attainment when one applies. */
static int indicators_of(ctx *x, const char *unit, json_t *list)
{
    size_t i;
    json_t *ind;
    json_array_foreach(x->indicators, i, ind)
    {
        const char *code = json_string_value(json_object_get(ind, "code"));
        r57_attainment *a = NULL;
        int ret = r57_attainment_get(&a, x->db, code, unit, x->period);
        if (ret < 0)
            return ret;
        int st = r57_attainment_status(a);
        double value = r57_attainment_value(a);
        if (st == R57_ATTAINMENT_NO_TARGET) {
            r57_kpi_result *r = NULL;
            value = NAN;
            if (r57_kpi_eval(&r, x->db, code, unit, x->period) == R57_OK &&
                r57_kpi_result_has_value(r))
                value = r57_kpi_result_value(r);
            r57_kpi_result_free(r);
        }
        if (!isfinite(value)) {
            r57_attainment_free(a);
            continue;
        }
        json_t *j = json_deep_copy(ind);
        ret = NOMEM_IF(j);
        if (ret == R57_OK)
            ret = set(j, "value", json_real(value));
        if (ret == R57_OK && st != R57_ATTAINMENT_NO_TARGET) {
            ret = set(j, "target", num_or_null(r57_attainment_target(a)));
            if (ret == R57_OK)
                ret = set(j, "comparison",
                          json_string(r57_comparison_name(r57_attainment_comparison(a))));
        }
        if (ret == R57_OK)
            ret = set(j, "attainment", json_string(r57_attainment_status_name(st)));
        r57_attainment_free(a);
        if (ret == R57_OK)
            ret = NOMEM_IF(json_array_append_new(list, j) == 0);
        else
            json_decref(j);
        if (ret < 0)
            return ret;
    }
    return R57_OK;
}

static int scorecard_of(ctx *x, const char *unit, json_t **out)
{
    r57_scorecard *s;
    int ret = r57_scorecard_get(&s, x->db, unit, 1, x->period, x->as_of);
    if (ret < 0)
        return ret;
    int rating = r57_scorecard_rating(s);
    json_t *keys = json_array();
    for (size_t i = 0; keys && i < r57_scorecard_key_unfinished(s); i++)
        json_array_append_new(keys,
                              json_pack("{s:s,s:s,s:s,s:o}", "document",
                                        r57_scorecard_key_document(s, i), "ref",
                                        r57_scorecard_key_ref(s, i), "category",
                                        r57_key_category_name(r57_scorecard_key_category(s, i)),
                                        "due", date_or_null(r57_scorecard_key_due(s, i))));
    *out = json_pack("{s:I,s:I,s:I,s:I,s:I,s:o,s:o,s:I,s:I,s:I,s:o,s:s}", "due",
                     (json_int_t)r57_scorecard_due(s), "on_time",
                     (json_int_t)r57_scorecard_on_time(s), "late",
                     (json_int_t)r57_scorecard_late(s), "overdue",
                     (json_int_t)r57_scorecard_overdue(s), "pending",
                     (json_int_t)r57_scorecard_pending(s), "on_time_share",
                     num_or_null(r57_scorecard_on_time_share(s)), "key_unfinished",
                     keys ? keys : json_array(), "targets_met",
                     (json_int_t)r57_scorecard_targets_met(s), "targets_not_met",
                     (json_int_t)r57_scorecard_targets_not_met(s), "targets_no_data",
                     (json_int_t)r57_scorecard_targets_no_data(s), "rating",
                     rating >= 0 ? json_string(r57_rating_name(rating)) : json_null(), "reason",
                     r57_scorecard_reason(s));
    r57_scorecard_free(s);
    return NOMEM_IF(*out);
}

static int load_indicators(ctx *x)
{
    r57_indicator_iterator *it;
    r57_indicator *ind;
    int ret = r57_indicator_iterator_new(&it, x->db);
    if (ret < 0)
        return ret;
    while ((ret = r57_indicator_next(&ind, it)) == R57_OK) {
        json_t *j = json_pack("{s:s,s:s,s:o,s:s}", "code", r57_indicator_code(ind), "name",
                              r57_indicator_name(ind), "measure",
                              str_or_null(r57_indicator_measure(ind)), "direction",
                              r57_indicator_direction(ind) == R57_LOWER_IS_BETTER ? "lower"
                                                                                  : "higher");
        r57_indicator_free(ind);
        if (!j || json_array_append_new(x->indicators, j) != 0) {
            ret = r57__error_nomem();
            break;
        }
    }
    r57_indicator_iterator_free(it);
    return ret == R57_ITEROVER ? R57_OK : ret;
}

static int gather(ctx *x, json_t *units)
{
    r57_unit_iterator *it;
    r57_unit *u;
    int ret = r57_unit_iterator_new(&it, x->db, NULL);
    if (ret < 0)
        return ret;
    while ((ret = r57_unit_next(&u, it)) == R57_OK) {
        const char *code = r57_unit_code(u);
        json_t *j = json_pack("{s:s,s:s,s:s,s:o,s:[],s:[]}", "code", code, "name", r57_unit_name(u),
                              "kind", r57_unit_kind_name(r57_unit_kind(u)), "parent",
                              str_or_null(r57_unit_parent(u)), "tasks", "indicators");
        json_t *sc = NULL;
        ret = NOMEM_IF(j);
        if (ret == R57_OK)
            ret = tasks_of(x, code, json_object_get(j, "tasks"));
        if (ret == R57_OK)
            ret = indicators_of(x, code, json_object_get(j, "indicators"));
        if (ret == R57_OK && (ret = scorecard_of(x, code, &sc)) == R57_OK)
            ret = set(j, "scorecard", sc);
        if (ret == R57_OK)
            ret = NOMEM_IF(json_array_append_new(units, j) == 0);
        else
            json_decref(j);
        r57_unit_free(u);
        if (ret < 0)
            break;
    }
    r57_unit_iterator_free(it);
    if (ret != R57_ITEROVER)
        return ret;
    /* Then the unit groups ("central", "local"): their indicators — the
     * figures reported for them or rolled up over their members. */
    r57_group_iterator *gi;
    r57_group *g;
    if ((ret = r57_group_iterator_new(&gi, x->db)) < 0)
        return ret;
    while ((ret = r57_group_next(&g, gi)) == R57_OK) {
        json_t *j = json_pack("{s:s,s:s,s:s,s:n,s:[],s:[]}", "code", r57_group_code(g), "name",
                              r57_group_name(g), "kind", "group", "parent", "tasks", "indicators");
        ret = NOMEM_IF(j);
        if (ret == R57_OK)
            ret = indicators_of(x, r57_group_code(g), json_object_get(j, "indicators"));
        if (ret == R57_OK)
            ret = NOMEM_IF(json_array_append_new(units, j) == 0);
        else
            json_decref(j);
        r57_group_free(g);
        if (ret < 0)
            break;
    }
    r57_group_iterator_free(gi);
    return ret == R57_ITEROVER ? R57_OK : ret;
}

/* ---- drawing, from the JSON ----------------------------------------------- */

static void esc(r57__buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': r57__buf_puts(b, "&lt;"); break;
        case '>': r57__buf_puts(b, "&gt;"); break;
        case '&': r57__buf_puts(b, "&amp;"); break;
        case '"': r57__buf_puts(b, "&quot;"); break;
        case '\'': r57__buf_puts(b, "&#39;"); break;
        default: r57__buf_put(b, s, 1);
        }
    }
}

static const char *jstr(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* A unit's page name: its code with anything but letters, digits, '-', '_'
 * and '.' written as _XX. */
static void page_name(r57__buf *b, const char *code)
{
    for (const unsigned char *p = (const unsigned char *)code; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || (*p == '.' && p != (const unsigned char *)code))
            r57__buf_put(b, (const char *)p, 1);
        else
            r57__buf_printf(b, "_%02X", *p);
    }
    r57__buf_puts(b, ".html");
}

static const char style[] =
    "body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;color:#222}"
    "table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}"
    "th,td{border-bottom:1px solid #ccc;padding:.3em .4em;text-align:left;vertical-align:top}"
    "th{background:#f2f2f2}.overdue{color:#b00020;font-weight:bold}.due_soon{color:#a65e00}"
    ".done_on_time,.met{color:#1b5e20}.done_late,.not_met{color:#b00020}"
    "figure{display:inline-block;margin:.3em 1em .3em 0}figcaption{font-size:.85em}"
    "small{color:#555}";

/* The head of a page titled "title" or "title — of". */
static void page_head(r57__buf *b, const char *title, const char *of)
{
    r57__buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                     "<meta name=\"viewport\" content=\"width=device-width\"><title>");
    esc(b, title);
    if (of) {
        r57__buf_puts(b, " — ");
        esc(b, of);
    }
    r57__buf_printf(b, "</title><style>%s</style></head><body>\n", style);
}

/* A bar for the value, a dashed line for the target, on one scale. */
static void chart(r57__buf *b, const json_t *ind)
{
    double v = json_number_value(json_object_get(ind, "value"));
    const json_t *tj = json_object_get(ind, "target");
    int has_target = json_is_number(tj);
    double t = has_target ? json_number_value(tj) : 0;
    double top = fmax(fmax(v, t), 0) * 1.15;
    if (top <= 0)
        top = 1;
    const double w = 300, x0 = 10;
    double bar = fmax(v, 0) / top * w, tx = x0 + t / top * w;
    const char *att = jstr(ind, "attainment");
    const char *fill = strcmp(att, "met") == 0       ? "#2e7d32"
                       : strcmp(att, "not_met") == 0 ? "#c62828"
                                                     : "#546e7a";
    r57__buf_puts(b, "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"330\" "
                     "height=\"48\" role=\"img\"><title>");
    esc(b, jstr(ind, "name"));
    r57__buf_printf(b, ": %.4g", v);
    if (has_target) {
        r57__buf_puts(b, ", target ");
        esc(b, jstr(ind, "comparison"));
        r57__buf_printf(b, " %.4g", t);
    }
    r57__buf_printf(b,
                    "</title><rect x=\"%.0f\" y=\"10\" width=\"%.1f\" height=\"20\" fill=\"%s\" "
                    "class=\"value\"/>",
                    x0, bar, fill);
    if (has_target)
        r57__buf_printf(b,
                        "<line x1=\"%.1f\" y1=\"4\" x2=\"%.1f\" y2=\"36\" stroke=\"#000\" "
                        "stroke-width=\"2\" stroke-dasharray=\"4 2\" class=\"target\"/>"
                        "<text x=\"%.1f\" y=\"46\" font-size=\"10\">target %.4g</text>",
                        tx, tx, tx > 250 ? tx - 60 : tx + 2, t);
    r57__buf_puts(b, "</svg><figcaption>");
    esc(b, jstr(ind, "name"));
    r57__buf_printf(b, ": <b>%.4g</b> ", v);
    esc(b, jstr(ind, "measure"));
    if (has_target) {
        r57__buf_puts(b, " (target ");
        esc(b, jstr(ind, "comparison"));
        r57__buf_printf(b, " %.4g: <span class=\"%s\">", t, att);
        esc(b, att);
        r57__buf_puts(b, "</span>)");
    } else if (strcmp(att, "no_target") == 0) {
        /* A figure for a scope no target binds: shown, not judged. */
        r57__buf_puts(b, " (<span class=\"no_target\">no target for this scope</span>)");
    }
    r57__buf_puts(b, "</figcaption></figure>\n");
}

static void unit_page(r57__buf *b, const json_t *u, const json_t *meta)
{
    page_head(b, jstr(u, "name"), jstr(meta, "title"));
    r57__buf_puts(b, "<p><a href=\"../index.html\">All units</a></p>\n<h1>");
    esc(b, jstr(u, "name"));
    r57__buf_puts(b, "</h1>\n<p><small>");
    esc(b, jstr(u, "kind"));
    r57__buf_puts(b, " · code ");
    esc(b, jstr(u, "code"));
    if (*jstr(u, "parent")) {
        r57__buf_puts(b, " · part of <a href=\"");
        page_name(b, jstr(u, "parent"));
        r57__buf_puts(b, "\">");
        esc(b, jstr(u, "parent"));
        r57__buf_puts(b, "</a>");
    }
    r57__buf_printf(b, " · as of %s, period %s</small></p>\n", jstr(meta, "as_of"),
                    jstr(meta, "period"));

    const json_t *sc = json_object_get(u, "scorecard");
    r57__buf_puts(b, "<h2>Results</h2>\n<table><tr><th>due in the period</th><th>on time</th>"
                     "<th>late</th><th>overdue</th><th>pending</th><th>on "
                     "time</th><th>rating</th></tr>");
    r57__buf_printf(b,
                    "<tr><td>%lld</td><td>%lld</td><td>%lld</td><td "
                    "class=\"overdue\">%lld</td><td>%lld</td>",
                    (long long)json_integer_value(json_object_get(sc, "due")),
                    (long long)json_integer_value(json_object_get(sc, "on_time")),
                    (long long)json_integer_value(json_object_get(sc, "late")),
                    (long long)json_integer_value(json_object_get(sc, "overdue")),
                    (long long)json_integer_value(json_object_get(sc, "pending")));
    const json_t *share = json_object_get(sc, "on_time_share");
    if (json_is_number(share))
        r57__buf_printf(b, "<td>%.1f%%</td>", json_number_value(share));
    else
        r57__buf_puts(b, "<td>–</td>");
    r57__buf_puts(b, "<td>");
    esc(b, json_is_string(json_object_get(sc, "rating")) ? jstr(sc, "rating") : "not rated");
    r57__buf_puts(b, "<br><small>");
    esc(b, jstr(sc, "reason"));
    r57__buf_puts(b, "</small></td></tr></table>\n");

    const json_t *inds = json_object_get(u, "indicators");
    r57__buf_puts(b, "<h2>Indicators</h2>\n");
    if (!json_array_size(inds))
        r57__buf_puts(b, "<p>No indicator has a value for this unit and period.</p>\n");
    size_t i;
    json_t *ind;
    json_array_foreach(inds, i, ind) chart(b, ind);

    const json_t *tasks = json_object_get(u, "tasks");
    r57__buf_printf(b, "<h2>Responsibilities (%zu tasks)</h2>\n", json_array_size(tasks));
    if (json_array_size(tasks)) {
        r57__buf_puts(b, "<table><tr><th>task</th><th>product</th><th>deadline</th><th>state</th>"
                         "<th>verified evidence</th></tr>\n");
        json_t *t;
        json_array_foreach(tasks, i, t)
        {
            r57__buf_puts(b, "<tr class=\"task\"><td><b>");
            esc(b, jstr(t, "ref"));
            r57__buf_puts(b, "</b> <small>");
            esc(b, jstr(t, "document"));
            r57__buf_puts(b, "</small><br>");
            esc(b, jstr(t, "title"));
            r57__buf_puts(b, "</td><td>");
            esc(b, jstr(t, "product"));
            r57__buf_puts(b, "</td><td>");
            esc(b, jstr(t, "deadline"));
            if (*jstr(t, "due")) {
                r57__buf_puts(b, "<br><small>due ");
                esc(b, jstr(t, "due"));
                r57__buf_puts(b, "</small>");
            }
            r57__buf_printf(b, "</td><td class=\"%s\">", jstr(t, "timeliness"));
            esc(b, jstr(t, "timeliness"));
            r57__buf_puts(b, "<br><small>");
            esc(b, jstr(t, "status"));
            r57__buf_puts(b, "</small></td><td>");
            size_t k;
            json_t *e;
            json_array_foreach(json_object_get(t, "evidence"), k, e)
            {
                const char *uri = jstr(e, "uri");
                if (*uri && strstr(uri, "://")) {
                    r57__buf_puts(b, "<a href=\"");
                    esc(b, uri);
                    r57__buf_puts(b, "\">");
                    esc(b, jstr(e, "title"));
                    r57__buf_puts(b, "</a>");
                } else {
                    esc(b, jstr(e, "title"));
                }
                if (*jstr(e, "document_number")) {
                    r57__buf_puts(b, " (");
                    esc(b, jstr(e, "document_number"));
                    r57__buf_puts(b, ")");
                }
                if (strcmp(jstr(e, "status"), "rejected") == 0) {
                    r57__buf_puts(b, " <small>rejected: ");
                    esc(b, jstr(e, "reason"));
                    r57__buf_puts(b, "</small>");
                }
                r57__buf_puts(b, "<br>");
            }
            r57__buf_puts(b, "</td></tr>\n");
        }
        r57__buf_puts(b, "</table>\n");
    }
    r57__buf_puts(b, "</body></html>\n");
}

static void index_page(r57__buf *b, const json_t *units, const json_t *meta)
{
    page_head(b, jstr(meta, "title"), NULL);
    r57__buf_puts(b, "<h1>");
    esc(b, jstr(meta, "title"));
    r57__buf_printf(b,
                    "</h1>\n<p>Progress, responsibilities and results as of %s; indicators "
                    "and ratings for %s. The same content as data: "
                    "<a href=\"report.json\">report.json</a>.</p>\n",
                    jstr(meta, "as_of"), jstr(meta, "period"));
    r57__buf_puts(b, "<table><tr><th>unit</th><th>tasks</th><th>overdue</th><th>on time</th>"
                     "<th>rating</th></tr>\n");
    size_t i;
    json_t *u;
    json_array_foreach(units, i, u)
    {
        const json_t *sc = json_object_get(u, "scorecard");
        size_t overdue = 0, k;
        json_t *t;
        json_array_foreach(json_object_get(u, "tasks"), k, t)
            overdue += strcmp(jstr(t, "timeliness"), "overdue") == 0;
        r57__buf_puts(b, "<tr class=\"unit\"><td><a href=\"units/");
        page_name(b, jstr(u, "code"));
        r57__buf_puts(b, "\">");
        esc(b, jstr(u, "name"));
        r57__buf_printf(b, "</a></td><td>%zu</td><td class=\"overdue\">%zu</td>",
                        json_array_size(json_object_get(u, "tasks")), overdue);
        const json_t *share = json_object_get(sc, "on_time_share");
        if (json_is_number(share))
            r57__buf_printf(b, "<td>%.1f%%</td>", json_number_value(share));
        else
            r57__buf_puts(b, "<td>–</td>");
        r57__buf_puts(b, "<td>");
        esc(b, json_is_string(json_object_get(sc, "rating")) ? jstr(sc, "rating") : "–");
        r57__buf_puts(b, "</td></tr>\n");
    }
    r57__buf_puts(b, "</table>\n</body></html>\n");
}

/* ---- writing --------------------------------------------------------------- */

static int make_dir(const char *path)
{
    if (mkdir(path, 0777) == 0 || errno == EEXIST) {
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
            return R57_OK;
        return r57__error(R57_EIO, "report: '%s' exists and is not a directory", path);
    }
    return r57__error(R57_EIO, "report: cannot create directory '%s': %s", path, strerror(errno));
}

/* Writes dir/name; the path is whole, however long (the system refuses
 * one it cannot open: R57_EIO with its reason). */
static int write_file(const char *dir, const char *name, const r57__buf *b)
{
    char *path;
    int ret;
    if (b->failed)
        return r57__error_nomem();
    if ((ret = r57__strfmt(&path, "%s/%s", dir, name)) < 0)
        return ret;
    FILE *f = fopen(path, "wb");
    if (!f) {
        ret = r57__error(R57_EIO, "report: cannot write '%s': %s", path, strerror(errno));
    } else {
        size_t n = b->len ? fwrite(b->ptr, 1, b->len, f) : 0;
        int bad = n != b->len;
        if (fclose(f) != 0)
            bad = 1;
        if (bad)
            ret = r57__error(R57_EIO, "report: writing '%s' failed", path);
    }
    r57__free(path);
    return ret;
}

int r57_report_write(r57_db *db, const r57_report_options *o, const char *dir)
{
    static const r57_report_options defaults = R57_REPORT_OPTIONS_INIT;
    int ret;
    if (!db)
        return r57__error(R57_EINVAL, "r57_report_write: db is NULL");
    if ((ret = r57__require("r57_report_write", "dir", dir)) < 0)
        return ret;
    if (o && o->version != R57_REPORT_OPTIONS_VERSION)
        return r57__error(R57_EINVAL, "r57_report_write: unknown options version %u", o->version);
    if (!o)
        o = &defaults;
    if (o->due_soon_days < 0)
        return r57__error(R57_EINVAL, "report: due_soon_days %d is negative", o->due_soon_days);
    ctx x = { db, o, o->as_of == R57_DATE_NONE ? r57__date_today() : o->as_of, "", NULL };
    int64_t p;
    if (o->period) {
        if ((ret = r57_period_parse(&p, o->period)) < 0)
            return ret;
    } else {
        int y, m, d;
        r57__date_to_ymd(x.as_of, &y, &m, &d);
        if ((ret = r57_period_from_year(&p, y)) < 0)
            return ret;
    }
    r57_period_format(x.period, sizeof x.period, p);
    char as_of[R57_DATE_TEXT_SIZE];
    r57_date_format(as_of, sizeof as_of, x.as_of);

    json_t *root = json_pack("{s:s,s:i,s:s,s:s,s:s,s:[]}", "format", "libr57-public-report",
                             "version", 1, "title",
                             o->title ? o->title
                                      : "Resolution 57: progress, responsibilities and results",
                             "as_of", as_of, "period", x.period, "units");
    x.indicators = json_array();
    ret = root && x.indicators ? R57_OK : r57__error_nomem();
    if (ret == R57_OK)
        ret = load_indicators(&x);
    json_t *units = root ? json_object_get(root, "units") : NULL;
    if (ret == R57_OK)
        ret = gather(&x, units);

    char *sub = NULL;
    if (ret == R57_OK && (ret = make_dir(dir)) == R57_OK &&
        (ret = r57__strfmt(&sub, "%s/units", dir)) == R57_OK)
        ret = make_dir(sub);
    size_t i;
    json_t *u;
    if (ret == R57_OK) {
        json_array_foreach(units, i, u)
        {
            r57__buf b = R57__BUF_INIT, name = R57__BUF_INIT;
            unit_page(&b, u, root);
            page_name(&name, jstr(u, "code"));
            ret = name.failed ? r57__error_nomem() : write_file(sub, name.ptr, &b);
            r57__buf_free(&b);
            r57__buf_free(&name);
            if (ret < 0)
                break;
        }
    }
    if (ret == R57_OK) {
        r57__buf b = R57__BUF_INIT;
        index_page(&b, units, root);
        ret = write_file(dir, "index.html", &b);
        r57__buf_free(&b);
    }
    if (ret == R57_OK) {
        char *text = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
        r57__buf b = R57__BUF_INIT;
        if (!text)
            ret = r57__error_nomem();
        else {
            r57__buf_puts(&b, text);
            r57__buf_puts(&b, "\n");
            free(text);
            ret = write_file(dir, "report.json", &b);
        }
        r57__buf_free(&b);
    }
    r57__free(sub);
    json_decref(x.indicators);
    json_decref(root);
    return ret;
}
