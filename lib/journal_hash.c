/*
 * The hash that chains the journal (docs/journal.md): SHA-256 over the
 * previous entry's hash and the entry's canonical content.  A leaf: the
 * store computes it when it appends an entry, and journal.c when it
 * verifies the chain.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* One field of the canonical content: its length, ':', its bytes, ';'
 * ("-;" for NULL), so that no two different entries encode alike. */
static void put_field(r57__sha256 *h, const char *s)
{
    char len[32];
    if (!s) {
        r57__sha256_update(h, "-;", 2);
        return;
    }
    size_t n = strlen(s);
    int k = snprintf(len, sizeof len, "%zu:", n);
    r57__sha256_update(h, len, (size_t)k);
    r57__sha256_update(h, s, n);
    r57__sha256_update(h, ";", 1);
}

void r57__journal_hash(char out[R57_SHA256_HEX_SIZE], const char *prev, const r57__journal_row *row)
{
    r57__sha256 h;
    r57__sha256_init(&h);
    r57__sha256_update(&h, "r57-journal-1\n", 14);
    put_field(&h, prev);
    put_field(&h, row->at);
    put_field(&h, row->actor);
    put_field(&h, row->object);
    put_field(&h, row->key);
    put_field(&h, row->action);
    put_field(&h, row->old_json);
    put_field(&h, row->new_json);
    r57__sha256_hex(&h, out);
}
