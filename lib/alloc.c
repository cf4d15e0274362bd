/*
 * The one allocator.  The hook is the library's only global mutable state
 * (conventions: set before anything else).  When a caller installs an
 * allocator, SQLite's and jansson's allocations are routed through it as
 * well, so an allocation-failure test covers them too.
 */
#include "internal.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static void *std_malloc(size_t n, void *p)
{
    (void)p;
    return malloc(n);
}
static void *std_realloc(void *ptr, size_t n, void *p)
{
    (void)p;
    return realloc(ptr, n);
}
static void std_free(void *ptr, void *p)
{
    (void)p;
    free(ptr);
}

static r57_allocator current = { R57_ALLOCATOR_VERSION, std_malloc, std_realloc, std_free, NULL };

/* Thread-local like the error record: a count, not shared state. */
static _Thread_local unsigned long failures;

unsigned long r57__alloc_failures(void) { return failures; }

void *r57__malloc(size_t size)
{
    void *p = current.malloc_fn(size ? size : 1, current.payload);
    if (!p)
        failures++;
    return p;
}

void *r57__calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = r57__malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void *r57__realloc(void *ptr, size_t size)
{
    void *p = current.realloc_fn(ptr, size ? size : 1, current.payload);
    if (!p)
        failures++;
    return p;
}

void r57__free(void *ptr)
{
    if (ptr)
        current.free_fn(ptr, current.payload);
}

void r57_free(void *ptr) { r57__free(ptr); }

char *r57__strndup(const char *src, size_t n)
{
    if (!src)
        return NULL;
    char *s = r57__malloc(n + 1);
    if (!s)
        return NULL;
    memcpy(s, src, n);
    s[n] = '\0';
    return s;
}

char *r57__strdup(const char *src) { return src ? r57__strndup(src, strlen(src)) : NULL; }

/*
 * SQLite wants to know the size of an allocation (xSize), which a general
 * allocator does not tell, so each block carries its size in a header of
 * 8 bytes (keeping SQLite's 8-byte alignment).
 */
#define HDR 8

static void *sq_malloc(int n)
{
    if (n <= 0)
        return NULL;
    unsigned char *p = current.malloc_fn((size_t)n + HDR, current.payload);
    if (!p)
        return NULL;
    memcpy(p, &(size_t){ (size_t)n }, sizeof(size_t));
    return p + HDR;
}

static void sq_free(void *ptr)
{
    if (ptr)
        current.free_fn((unsigned char *)ptr - HDR, current.payload);
}

static void *sq_realloc(void *ptr, int n)
{
    if (!ptr)
        return sq_malloc(n);
    if (n <= 0)
        return NULL;
    unsigned char *p = current.realloc_fn((unsigned char *)ptr - HDR, (size_t)n + HDR,
                                          current.payload);
    if (!p)
        return NULL;
    memcpy(p, &(size_t){ (size_t)n }, sizeof(size_t));
    return p + HDR;
}

static int sq_size(void *ptr)
{
    size_t n;
    if (!ptr)
        return 0;
    memcpy(&n, (unsigned char *)ptr - HDR, sizeof n);
    return (int)n;
}

static int sq_roundup(int n) { return (n + 7) & ~7; }
static int sq_init(void *p)
{
    (void)p;
    return SQLITE_OK;
}
static void sq_shutdown(void *p) { (void)p; }

static const sqlite3_mem_methods sq_methods = { sq_malloc,  sq_free, sq_realloc,  sq_size,
                                                sq_roundup, sq_init, sq_shutdown, NULL };

static void *js_malloc(size_t n) { return r57__malloc(n); }
static void js_free(void *p) { r57__free(p); }

int r57_allocator_set(const r57_allocator *alloc)
{
    if (alloc) {
        if (alloc->version != R57_ALLOCATOR_VERSION)
            return r57__error(R57_EINVAL, "r57_allocator_set: unknown allocator version %u",
                              alloc->version);
        if (!alloc->malloc_fn || !alloc->realloc_fn || !alloc->free_fn)
            return r57__error(R57_EINVAL,
                              "r57_allocator_set: malloc_fn, realloc_fn and free_fn are required");
    }
    if (!alloc) {
        /* SQLite keeps the routing installed earlier, if any: it calls
         * through `current`, which now is the C library's allocator. */
        current = (r57_allocator){ R57_ALLOCATOR_VERSION, std_malloc, std_realloc, std_free, NULL };
        json_set_alloc_funcs(malloc, free);
        return R57_OK;
    }
    /*
     * SQLite accepts a new allocator only while it is shut down; shutting
     * it down does nothing while connections are open, and then the config
     * call reports SQLITE_MISUSE, which we turn into R57_ESTATE.
     */
    sqlite3_shutdown();
    int rc = sqlite3_config(SQLITE_CONFIG_MALLOC, &sq_methods);
    if (rc != SQLITE_OK)
        return r57__error_sqlite(R57_ESTATE, rc,
                                 "r57_allocator_set: SQLite is in use; set the allocator first");
    current = *alloc;
    json_set_alloc_funcs(js_malloc, js_free);
    return R57_OK;
}
