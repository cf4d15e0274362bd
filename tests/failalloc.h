/* A pass-through allocator for the tests, installed through the library's
 * allocator hook, that a test can arm to fail the n-th allocation (once,
 * or from then on) — how the out-of-memory tests reach every failure
 * point.  Header-only: each test program has its own counters. */
#ifndef R57_TEST_FAILALLOC_H
#define R57_TEST_FAILALLOC_H

#include <r57.h>
#include <stdlib.h>

static long failalloc_count;    /* allocations since the last arm */
static long failalloc_at;       /* fail the allocation with this number (0: never) */
static int failalloc_after;     /* also fail every later one */

static int failalloc_should_fail(void)
{
    failalloc_count++;
    return failalloc_at && (failalloc_count == failalloc_at ||
                            (failalloc_after && failalloc_count > failalloc_at));
}

static void *failalloc_malloc(size_t n, void *p)
{
    (void)p;
    return failalloc_should_fail() ? NULL : malloc(n);
}

static void *failalloc_realloc(void *ptr, size_t n, void *p)
{
    (void)p;
    return failalloc_should_fail() ? NULL : realloc(ptr, n);
}

static void failalloc_free(void *ptr, void *p)
{
    (void)p;
    free(ptr);
}

/* Installs the allocator; call before anything else allocates. */
static int failalloc_install(void)
{
    r57_allocator a = { R57_ALLOCATOR_VERSION, failalloc_malloc, failalloc_realloc,
                        failalloc_free, NULL };
    return r57_allocator_set(&a);
}

/* Restarts the count; fails allocation n (0: none), and every later one if
 * after is set. */
static void failalloc_arm(long n, int after)
{
    failalloc_count = 0;
    failalloc_at = n;
    failalloc_after = after;
}

#endif
