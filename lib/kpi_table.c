/*
 * Evaluating an indicator for every unit of a subtree and every period of
 * a range at once (r57_kpi_table_eval).
 */
#include "kpi_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- evaluation into a table ----------------------------------------------- */

/*
 * r57_kpi_table_eval evaluates exactly what r57_kpi_eval does for each
 * row, through the same cache (blocks per (element, period), memoised
 * roll-ups), formulas and resolver (r57__kpi_compute), but without its
 * per-call work: the unit and period are found once for the whole table,
 * and a row without a value does not allocate its reason.  Instead the
 * cause (the text after "no value for '…' at '…' in …: ") is appended to
 * one buffer of the table, where equal causes are kept once (a missing
 * previous month gives the same cause for every unit); the full reason is
 * put together only when r57_kpi_table_reason asks (tests/test_kpi_table.c
 * compares every row with r57_kpi_eval).
 */
struct r57_kpi_table {
    char *indicator;
    size_t nunits, nperiods;
    char *codes;     /* the unit codes, each NUL-terminated */
    size_t *code_at; /* where unit j's code starts in codes */
    r57_period *periods;
    double *values;  /* NaN without a value */
    uint32_t *cause; /* offset in causes; 0 when the row has a value */
    r57__buf causes; /* "" at offset 0, then each distinct cause once */
    r57__buf reason; /* the reason last asked for */
};

/* While a table is filled: the distinct causes by hash (offsets into
 * t->causes, 0 for an empty slot). */
typedef struct cause_set {
    uint32_t *slots;
    size_t cap, used;
} cause_set;

static uint64_t cause_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
    return h;
}

static int cause_set_grow(cause_set *s, const r57__buf *causes)
{
    size_t cap = s->cap ? s->cap * 2 : 64;
    uint32_t *slots = r57__calloc(cap, sizeof *slots);
    if (!slots)
        return r57__error_nomem();
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i]) {
            const char *c = causes->ptr + s->slots[i];
            size_t j = (size_t)cause_hash(c, strlen(c)) & (cap - 1);
            while (slots[j])
                j = (j + 1) & (cap - 1);
            slots[j] = s->slots[i];
        }
    r57__free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return R57_OK;
}

/* The cause just appended to t->causes from offset `start`: keeps it if it
 * is new, else drops it again; *at is where the cause is kept. */
static int cause_keep(r57_kpi_table *t, cause_set *s, size_t start, uint32_t *at)
{
    r57__buf *b = &t->causes;
    if (b->failed)
        return r57__error_nomem();
    if (b->len >= UINT32_MAX)
        return r57__error(R57_ENOMEM, "r57_kpi_table_eval: the reasons of the table exceed 4 GiB");
    if ((s->used + 1) * 2 > s->cap && cause_set_grow(s, b) < 0)
        return R57_ENOMEM;
    const char *c = b->ptr + start;
    size_t n = b->len - start;
    size_t j = (size_t)cause_hash(c, n) & (s->cap - 1);
    for (; s->slots[j]; j = (j + 1) & (s->cap - 1)) {
        const char *old = b->ptr + s->slots[j];
        if (strncmp(old, c, n) == 0 && old[n] == '\0') {
            b->len = start; /* drop the copy; the previous cause's NUL stays */
            b->ptr[start] = '\0';
            *at = s->slots[j];
            return R57_OK;
        }
    }
    s->slots[j] = (uint32_t)start;
    s->used++;
    *at = (uint32_t)start;
    /* Keep the NUL as a separator: the next cause starts after it. */
    return r57__buf_put(b, "", 1) < 0 ? R57_ENOMEM : R57_OK;
}

/* One row: as r57__kpi_evaluate() at depth 0.  The value, or NaN with the
 * cause kept in the table and its offset in *cause. */
static int table_row(r57_db *db, struct r57__kpi_cache *k, const entry *e, int u, r57_period period,
                     r57_kpi_table *t, cause_set *s, double *value, uint32_t *cause)
{
    size_t start = t->causes.len;
    r57_kpi_result r;
    int ret = r57__kpi_compute(db, k, e, u, period, 0, &r, &t->causes);
    if (ret < 0)
        return ret;
    if (r.has_value) {
        *value = r.value;
        *cause = 0;
        return R57_OK;
    }
    *value = NAN;
    return cause_keep(t, s, start, cause);
}

/*
 * The rows of a table for an indicator whose formula, or numerator and
 * denominator, are bare element references: the element's blocks are
 * found once for each period, and the rows, unit by unit (in the order
 * they are stored), read them directly.  A row gets here the number
 * r57__kpi_compute would give (the formula's value is the element's; a
 * ratio is factor * n / d), or, when it has none (or a number is not
 * finite), goes through table_row, so that its cause, or the failure, is
 * worded exactly as there.
 */
static int table_fast(r57_db *db, struct r57__kpi_cache *k, const entry *e, const int *order,
                      size_t nunits, r57_kpi_table *t, cause_set *s)
{
    const ref_info *rn = e->is_ratio ? &e->num.refs[0] : &e->formula.refs[0];
    const ref_info *rd = e->is_ratio ? &e->den.refs[0] : NULL;
    size_t np = t->nperiods;
    block **bn = r57__malloc(2 * (np ? np : 1) * sizeof *bn);
    if (!bn)
        return r57__error_nomem();
    block **bd = bn + np;
    int ret = R57_OK;
    for (size_t i = 0; ret == R57_OK && i < np; i++) {
        ret = r57__kpi_block_get(db, k, rn->element_id, rn->aggregation, t->periods[i], &bn[i]);
        if (ret == R57_OK && rd)
            ret = r57__kpi_block_get(db, k, rd->element_id, rd->aggregation, t->periods[i], &bd[i]);
    }
    /* Where the cause of a zero denominator is kept, once a row has had
     * it: the same words for every such row of the table. */
    uint32_t zero_cause = 0;
    for (size_t j = 0; ret == R57_OK && j < nunits; j++) {
        int u = order[j], miss;
        for (size_t i = 0, row = j * np; ret == R57_OK && i < np; i++, row++) {
            double n, d, v;
            int zero = 0;
            if (r57__kpi_element_value(k, bn[i], u, e->rollup, &n, &miss) && isfinite(n)) {
                if (!rd) {
                    t->values[row] = n;
                    t->cause[row] = 0;
                    continue;
                }
                if (r57__kpi_element_value(k, bd[i], u, e->rollup, &d, &miss) && isfinite(d)) {
                    if (d != 0 && isfinite(v = e->factor * n / d)) {
                        t->values[row] = v;
                        t->cause[row] = 0;
                        continue;
                    }
                    zero = d == 0;
                    if (zero && zero_cause) {
                        t->values[row] = NAN;
                        t->cause[row] = zero_cause;
                        continue;
                    }
                }
            }
            ret = table_row(db, k, e, u, t->periods[i], t, s, &t->values[row], &t->cause[row]);
            if (ret == R57_OK && zero)
                zero_cause = t->cause[row];
        }
    }
    r57__free(bn);
    return ret;
}

typedef struct unit_ref {
    const char *code;
    int index;
} unit_ref;

static int unit_ref_cmp(const void *a, const void *b)
{
    /* Descending: the stack below pops them in ascending order. */
    return strcmp(((const unit_ref *)b)->code, ((const unit_ref *)a)->code);
}

/* The units of the subtree of unit `root` (-1: every unit) into order[],
 * depth first, sub-units by code; their number into *count. */
static int subtree_order(const struct r57__kpi_cache *k, int root, int *order, size_t *count)
{
    size_t n = (size_t)(k->nunits ? k->nunits : 1);
    unit_ref *stack = r57__malloc(n * sizeof *stack);
    if (!stack)
        return r57__error_nomem();
    size_t top = 0, done = 0;
    if (root >= 0) {
        stack[top++] = (unit_ref){ k->unit_codes[root], root };
    } else {
        for (int i = 0; i < k->nunits; i++)
            if (k->parent[i] < 0)
                stack[top++] = (unit_ref){ k->unit_codes[i], i };
        qsort(stack, top, sizeof *stack, unit_ref_cmp);
    }
    while (top > 0) {
        int u = stack[--top].index;
        order[done++] = u;
        size_t first = top;
        for (int c = k->first_child[u]; c >= 0; c = k->next_sibling[c])
            stack[top++] = (unit_ref){ k->unit_codes[c], c };
        qsort(stack + first, top - first, sizeof *stack, unit_ref_cmp);
    }
    r57__free(stack);
    *count = done;
    return R57_OK;
}

void r57_kpi_table_free(r57_kpi_table *t)
{
    if (!t)
        return;
    r57__free(t->indicator);
    r57__free(t->codes);
    r57__free(t->code_at);
    r57__free(t->periods);
    r57__free(t->values);
    r57__free(t->cause);
    r57__buf_free(&t->causes);
    r57__buf_free(&t->reason);
    r57__free(t);
}

/* The table's rows, units and periods, allocated for the units in order[]
 * and the members of period p. */
static int table_new(r57_kpi_table **out, const struct r57__kpi_cache *k, const char *indicator,
                     const int *order, size_t nunits, int64_t p)
{
    size_t nperiods = r57_period_count(p);
    if (nunits && nperiods > SIZE_MAX / sizeof(double) / nunits)
        return r57__error(R57_ENOMEM,
                          "r57_kpi_table_eval: %zu units times %zu periods are "
                          "too many rows",
                          nunits, nperiods);
    size_t nrows = nunits * nperiods, text = 0;
    for (size_t j = 0; j < nunits; j++)
        text += strlen(k->unit_codes[order[j]]) + 1;
    r57_kpi_table *t = r57__calloc(1, sizeof *t);
    if (!t)
        return r57__error_nomem();
    t->nunits = nunits;
    t->nperiods = nperiods;
    t->indicator = r57__strdup(indicator);
    t->codes = r57__malloc(text ? text : 1);
    t->code_at = r57__malloc((nunits ? nunits : 1) * sizeof *t->code_at);
    t->periods = r57__malloc(nperiods * sizeof *t->periods);
    t->values = r57__malloc((nrows ? nrows : 1) * sizeof *t->values);
    t->cause = r57__malloc((nrows ? nrows : 1) * sizeof *t->cause);
    r57__buf_put(&t->causes, "", 1); /* offset 0: "" */
    if (!t->indicator || !t->codes || !t->code_at || !t->periods || !t->values || !t->cause ||
        t->causes.failed) {
        r57_kpi_table_free(t);
        return r57__error_nomem();
    }
    text = 0;
    for (size_t j = 0; j < nunits; j++) {
        const char *code = k->unit_codes[order[j]];
        size_t n = strlen(code) + 1;
        memcpy(t->codes + text, code, n);
        t->code_at[j] = text;
        text += n;
    }
    for (size_t i = 0; i < nperiods; i++)
        r57_period_member(&t->periods[i], p, i);
    *out = t;
    return R57_OK;
}

int r57_kpi_table_eval(r57_kpi_table **out, r57_db *db, const char *indicator, const char *root,
                       const char *period)
{
    struct r57__kpi_cache *k;
    entry *e;
    int ret, ru = -1;
    int64_t p, rid = 0;
    if (!out || !db)
        return r57__error(R57_EINVAL, "r57_kpi_table_eval: out or db is NULL");
    *out = NULL;
    if ((ret = r57__require("r57_kpi_table_eval", "indicator", indicator)) < 0 ||
        (ret = r57__require("r57_kpi_table_eval", "period", period)) < 0 ||
        (root && (ret = r57__require("r57_kpi_table_eval", "root", root)) < 0) ||
        (ret = r57__kpi_period_arg(&p, period, 1)) < 0 ||
        (root && (ret = r57__kpi_unit_id(db, root, &rid)) < 0) ||
        (ret = r57__kpi_cache_get(db, &k)) < 0 ||
        (ret = r57__kpi_entry_get(db, k, indicator, &e, 0)) < 0)
        return ret;
    if (root && (ru = r57__kpi_unit_index(k, rid)) < 0)
        return r57__error(R57_ENOTFOUND, "unknown unit code '%s'", root);
    size_t nunits = 0;
    int *order = r57__malloc((size_t)(k->nunits ? k->nunits : 1) * sizeof *order);
    if (!order)
        return r57__error_nomem();
    r57_kpi_table *t = NULL;
    cause_set s = { NULL, 0, 0 };
    if ((ret = subtree_order(k, ru, order, &nunits)) == R57_OK)
        ret = table_new(&t, k, indicator, order, nunits, p);
    int fast = e->is_ratio ? e->num.bare && e->den.bare : e->formula.bare;
    if (ret == R57_OK && fast)
        ret = table_fast(db, k, e, order, nunits, t, &s);
    /* Otherwise through the formula engine, period by period, so that the
     * rows of one period ask for the same blocks one after the other (each
     * reference remembers its last two); rows are stored by unit. */
    for (size_t i = 0; ret == R57_OK && !fast && i < t->nperiods; i++)
        for (size_t j = 0; ret == R57_OK && j < nunits; j++) {
            size_t row = j * t->nperiods + i;
            ret = table_row(db, k, e, order[j], t->periods[i], t, &s, &t->values[row],
                            &t->cause[row]);
        }
    r57__free(order);
    r57__free(s.slots);
    if (ret < 0) {
        r57_kpi_table_free(t);
        return ret;
    }
    *out = t;
    return R57_OK;
}

size_t r57_kpi_table_count(const r57_kpi_table *t) { return t ? t->nunits * t->nperiods : 0; }

static int is_row(const r57_kpi_table *t, size_t i) { return t && i < t->nunits * t->nperiods; }

const char *r57_kpi_table_unit(const r57_kpi_table *t, size_t i)
{
    return is_row(t, i) ? t->codes + t->code_at[i / t->nperiods] : NULL;
}

r57_period r57_kpi_table_period(const r57_kpi_table *t, size_t i)
{
    return is_row(t, i) ? t->periods[i % t->nperiods] : R57_PERIOD_NONE;
}

bool r57_kpi_table_has_value(const r57_kpi_table *t, size_t i)
{
    return is_row(t, i) && t->cause[i] == 0;
}

double r57_kpi_table_value(const r57_kpi_table *t, size_t i)
{
    return is_row(t, i) ? t->values[i] : NAN;
}

const char *r57_kpi_table_reason(r57_kpi_table *t, size_t i)
{
    if (!is_row(t, i))
        return NULL;
    if (t->cause[i] == 0)
        return "";
    char pt[R57_PERIOD_TEXT_SIZE];
    r57_period_format(pt, sizeof pt, t->periods[i % t->nperiods]);
    t->reason.len = 0;
    t->reason.failed = 0;
    r57__buf_printf(&t->reason, "no value for '%s' at '%s' in %s: %s", t->indicator,
                    r57_kpi_table_unit(t, i), pt, t->causes.ptr + t->cause[i]);
    if (t->reason.failed || !t->reason.ptr)
        return "no value (the reason could not be built: out of memory)";
    return t->reason.ptr;
}
