/*
 * The owner resolver's snapshot of the registry and the words, hung on a
 * handle (resolve_snapshot.c; not installed).
 */
#ifndef R57_RESOLVE_SNAPSHOT_H
#define R57_RESOLVE_SNAPSHOT_H

#include "resolve_words.h"
#include "store.h"

typedef struct runit {
    char *code, *name, *parent;
    int kind;
} runit;

/* Resolutions already made, by text: imports repeat the same few texts
 * ("Government", "Prime Minister") thousands of times.  Direct-mapped by
 * a hash of mode, date and text; emptied with the snapshot. */
#define CACHE_SLOTS 512

typedef struct centry {
    char *text;
    int mode;
    r57_date on;
    r57_resolution *r;
    char *json;
} centry;

typedef struct resolver {
    centry cache[CACHE_SLOTS];
    runit *units;
    size_t nunits;
    table names, words;
    uint64_t gen;
    int words_replaced; /* the handle's own words only (no built-in) */
    int words_ready;    /* words read and indexed: they outlive registry
                           changes, which rebuild the names only */
    char **extra_paths; /* word files this handle loaded, in order */
    size_t nextra;
} resolver;

/* Empties one cache entry (the snapshot and r57__resolve_borrow replace it). */
void r57__resolver_entry_clear(centry *e);
/* The handle's snapshot, rebuilt when the registry changed. */
int r57__resolver_get(resolver **out, r57_db *db);

#endif /* R57_RESOLVE_SNAPSHOT_H */
