/*
 * libr57 — the allocator hook.
 *
 * All memory the library uses goes through one allocator.  Replacing it is
 * the only global, mutable setting of the library: do it before any other
 * libr57 call, and before any other code in the process uses SQLite, because
 * it also routes SQLite's and jansson's allocations (both process-wide
 * settings of those libraries) through the same functions.  Tests use it to
 * fail every allocation in turn.
 */
#ifndef R57_ALLOC_H
#define R57_ALLOC_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An allocator.  realloc and free follow the C standard's semantics
 * (realloc(NULL, n) allocates, free(NULL) does nothing). */
typedef struct r57_allocator {
    unsigned int version; /* R57_ALLOCATOR_VERSION */
    void *(*malloc_fn)(size_t size, void *payload);
    void *(*realloc_fn)(void *ptr, size_t size, void *payload);
    void (*free_fn)(void *ptr, void *payload);
    void *payload;
} r57_allocator;

#define R57_ALLOCATOR_VERSION 1

/**
 * Installs an allocator (copied), or the C library's malloc/realloc/free
 * when alloc is NULL.  Not thread-safe: call it before anything else.
 * @param alloc the allocator (copied), or NULL for the C library's
 * @return R57_OK, R57_EINVAL for an unknown version or a missing function,
 *         or R57_ESTATE when SQLite was already initialised (then nothing
 *         changes).
 */
R57_EXTERN(int) r57_allocator_set(const r57_allocator *alloc);

/**
 * Frees memory that a libr57 call documents as "free with r57_free" (strings
 * returned to the caller).  NULL is allowed.
 * @param ptr the memory (NULL is allowed)
 */
R57_EXTERN(void) r57_free(void *ptr);

#ifdef __cplusplus
}
#endif

#endif /* R57_ALLOC_H */
