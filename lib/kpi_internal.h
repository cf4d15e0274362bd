/*
 * What the parts of the KPI engine (kpi*.c, listed in kpi.c) share: the
 * arguments they check alike, the evaluation cache (kpi_cache.c) and the
 * evaluation of one indicator (kpi_eval.c).  Not installed.
 */
#ifndef R57_KPI_INTERNAL_H
#define R57_KPI_INTERNAL_H

#include "store.h"

/* ---- names and arguments (kpi.c) ------------------------------------------ */

/* The index of name in names[0 .. n-1]; else R57_EINVAL saying
 * "<what> '<name>' is not one of <list>" (or, when has_out is false or
 * name NULL, "<what>: NULL argument").  The index goes to an out pointer
 * of the caller's enum type. */
int r57__kpi_parse_name(bool has_out, const char *name, const char *const *names, int n,
                        const char *what, const char *list);
/* Codes of elements and indicators: letters, digits and '_'. */
int r57__kpi_check_code(const char *what, const char *code);
/* Parses a period argument, naming the argument in the message. */
int r57__kpi_period_arg(int64_t *out, const char *text, int allow_range);
/* A unit's id; R57_ENOTFOUND naming the code. */
int r57__kpi_unit_id(r57_db *db, const char *code, int64_t *id);
/* A unit's id into *uid, or else a unit group's into *gid (the other 0). */
int r57__kpi_scope_id(r57_db *db, const char *code, int64_t *uid, int64_t *gid);
/* A number in JSON, as the journal records it. */
void r57__kpi_json_number(r57__buf *b, double v);
/* ---- the evaluation cache (kpi_cache.c) ------------------------------------- */

/* A unit's value in a block: the number, or for a unit without one the
 * index of the unit down the tree that lacked it (for the reason). */
typedef union cell {
    double value;
    int missing;
} cell;

/* flags[] of a block, per unit. */
enum {
    CELL_OWN = 1,   /* the unit has a value of its own (in its cell) */
    CELL_VALUE = 2, /* the cell holds a value: its own, or from its sub-units */
    CELL_DONE = 4   /* rolled up; without CELL_VALUE, the cell says who lacked it */
};

/* One element's values for one period, for every unit, and their roll-up
 * (summed and averaged elements; inherited ones are looked up the tree
 * when asked), computed for every unit when the block is read: bottom-up,
 * each unit once, as cheap as reading the values and what a table of
 * every unit needs anyway.  A unit's own value, when it has one, is its
 * rolled value too.  Both arrays share the block's allocation. */
typedef struct block {
    int64_t element_id, period;
    int aggregation;
    cell *cells;
    unsigned char *flags;
    struct block *next;
} block;

typedef struct ref_info {
    int kind; /* R57_REF_ELEMENT or R57_REF_INDICATOR */
    int64_t element_id;
    int aggregation;
    struct entry *indicator;
    /* The blocks this element reference was last resolved to (a formula
     * asks for a period and the one before it, row after row): a look-up
     * in the cache's hash table saved per reference.  Blocks live as long
     * as the cache, and so do the compiled formulas holding these. */
    block *recent[2];
} ref_info;

/* A compiled formula with its references resolved. */
typedef struct compiled {
    r57_formula *f;
    ref_info *refs;
    int nrefs;
    /* 1 when the formula is one reference to a data element and nothing
     * else ("#{procedures_total}"): its value is the element's, which a
     * table reads without the formula engine (table_fast). */
    int bare;
} compiled;

typedef struct entry {
    char *code;
    int64_t id;
    int rollup, is_ratio;
    double factor;
    compiled formula, num, den;
    struct entry *next;
} entry;

#define NBUCKETS 1024
#define MAXDEPTH 16

/*
 * The units are slots 0 .. nunits-1 (by id); unit groups follow them,
 * slots nunits .. nslots-1 (by code).  A group's slot holds the figure
 * reported for the group, else the roll-up over its members
 * (gmembers[gstart[g] .. gstart[g+1]-1], g = slot - nunits); its parent,
 * for inherited elements, is the nearest unit above all of its members.
 * Group slots are no unit's sub-units and appear in no unit subtree.
 */
struct r57__kpi_cache {
    uint64_t generation; /* the store's data generation it was built at */
    int nunits, nslots;
    int64_t *unit_ids;  /* sorted */
    int64_t *group_ids; /* of slots nunits .. */
    int *gstart, *gmembers;
    char **unit_codes; /* and group codes */
    int *parent;       /* index, or -1 */
    int *first_child, *next_sibling;
    int *upward; /* every unit, each after all of its sub-units */
    block *buckets[NBUCKETS];
    entry *entries;
    r57_formula_result *results[MAXDEPTH];
};

/* The cache of the handle, built on first use and again whenever the
 * store's data generation moved (a write through the handle, a commit of
 * another connection).  The handle owns it; r57__kpi_cache_free drops it. */
int r57__kpi_cache_get(r57_db *db, struct r57__kpi_cache **out);
void r57__kpi_cache_free(r57_db *db);
/* The index of a unit id (ids are sorted), or -1. */
int r57__kpi_unit_index(const struct r57__kpi_cache *k, int64_t id);
/* The slot of a group id, or -1. */
int r57__kpi_group_slot(const struct r57__kpi_cache *k, int64_t gid);
/* The block of an element for a period, read and rolled up on first use. */
int r57__kpi_block_get(r57_db *db, struct r57__kpi_cache *k, int64_t eid, int aggregation,
                       r57_period period, block **out);
/* From the sub-units only: sum (or mean) of each direct sub-unit's value
 * (its own, else from its sub-units). */
int r57__kpi_from_subunits(const struct r57__kpi_cache *k, const block *b, int u, double *v,
                           int *missing);

/* The unit down the tree that lacked the value of unit u. */
static inline int r57__kpi_lacking(const block *b, int u)
{
    return b->flags[u] & CELL_DONE ? b->cells[u].missing : u;
}

/* An element's value for unit u under a roll-up rule; 0 when none, with
 * the unit that lacked it in *missing. */
static inline int r57__kpi_element_value(const struct r57__kpi_cache *k, const block *b, int u,
                                         int rule, double *v, int *missing)
{
    if (b->aggregation == R57_AGG_INHERIT) {
        for (int a = u; a >= 0; a = k->parent[a])
            if (b->flags[a] & CELL_OWN) {
                *v = b->cells[a].value;
                return 1;
            }
        *missing = u;
        return 0;
    }
    switch (rule) {
    case R57_ROLLUP_OWN:
        if (b->flags[u] & CELL_OWN) {
            *v = b->cells[u].value;
            return 1;
        }
        *missing = u;
        return 0;
    case R57_ROLLUP_SUBUNITS: return r57__kpi_from_subunits(k, b, u, v, missing);
    default:
        if (b->flags[u] & CELL_VALUE) {
            *v = b->cells[u].value;
            return 1;
        }
        *missing = r57__kpi_lacking(b, u);
        return 0;
    }
}

/* Compiles one formula of indicator `code` and resolves its references
 * (what: "formula", "numerator" or "denominator", for messages). */
int r57__kpi_compile(compiled *c, r57_db *db, struct r57__kpi_cache *k, const char *code,
                     const char *what, const char *text, int depth);
void r57__kpi_compiled_free(compiled *c);
/* The compiled indicator with that code, compiling it (and the indicators
 * it refers to) on first use. */
int r57__kpi_entry_get(r57_db *db, struct r57__kpi_cache *k, const char *code, entry **out,
                       int depth);

/* A copy of s (NULL for NULL); *failed set when out of memory. */
char *r57__kpi_dup_or_fail(const char *s, int *failed);

/* ---- indicators (kpi_indicator.c) ------------------------------------------- */

/* The id of the indicator with that code; R57_ENOTFOUND if there is none. */
int r57__kpi_indicator_id(r57_db *db, const char *code, int64_t *id);

/* ---- evaluation (kpi_eval.c) ------------------------------------------------ */

struct r57_kpi_result {
    int has_value;
    double value, numerator, denominator;
    char *reason;
};

/* What one evaluation needs while the formula asks for references. */
typedef struct eval_ctx {
    r57_db *db;
    struct r57__kpi_cache *k;
    const compiled *c;
    int unit, rule, depth;
    int missing_unit;    /* the unit that lacked the value, for the reason */
    char *nested_reason; /* why a referenced indicator had no value */
} eval_ctx;

/* The formula engine's resolver of references (payload: an eval_ctx). */
int r57__kpi_resolve(double *out, bool *has_value, size_t ref, const char *name,
                     r57_formula_ref_kind_t kind, r57_period period, void *payload);
/* Indicator e for slot u in `period` into *out: has_value, value,
 * numerator and denominator (NaN where none), not the reason.  Without a
 * value, appends the cause to `why`: the words after "no value for '…' at
 * '…' in …: " (the caller checks why->failed). */
int r57__kpi_compute(r57_db *db, struct r57__kpi_cache *k, const entry *e, int u, r57_period period,
                     int depth, r57_kpi_result *out, r57__buf *why);
/* As r57__kpi_compute, with out->reason (owned by the caller) when there
 * is no value. */
int r57__kpi_evaluate(r57_db *db, struct r57__kpi_cache *k, const entry *e, int u,
                      r57_period period, int depth, r57_kpi_result *out);

/* What an evaluation is asked for: the handle's cache, the compiled
 * indicator, the slot of the unit or group and the period. */
typedef struct eval_at {
    struct r57__kpi_cache *k;
    entry *e;
    int u;
    r57_period period;
} eval_at;

/* Checks the arguments of an evaluation (fn: the public call, for
 * messages; a period range only if allow_range) and finds them. */
int r57__kpi_eval_setup(eval_at *at, r57_db *db, const char *fn, const char *indicator,
                        const char *unit, const char *period, int allow_range);

#endif
