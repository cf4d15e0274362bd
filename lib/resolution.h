/*
 * The r57_resolution object's layout (resolution.c; not installed), for
 * the resolver that fills it (resolve.c).
 */
#ifndef R57_RESOLUTION_H
#define R57_RESOLUTION_H

#include "internal.h"

/* What the whole text is judged to be, and the pieces of it. */
struct r57_resolution {
    int kind;
    char *text, *unit, *person, *group, *reason;
    int each;
    uint64_t assigned; /* a task's owner: sub-tasks made by r57_task_assign_each */
    struct rmatch {
        char *unit, *text, *note;
        int role, how;
    } * m;
    size_t nm;
};

/* A deep copy (through the same JSON the task stores). */
int r57__resolution_copy(r57_resolution **out, const r57_resolution *r);

#endif /* R57_RESOLUTION_H */
