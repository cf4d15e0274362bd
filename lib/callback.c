/*
 * The callback rule of the API (r57/common.h, docs/errors.md), applied in
 * one place so that every call that takes a callback treats its return the
 * same way.
 */
#include "internal.h"

int r57__callback_rc(int rc, const char *what)
{
    if (rc == 0)
        return R57_OK;
    if (rc > 0)
        return r57__error(R57_EUSER, "%s: it returned %d", what, rc);
    /* A callback that failed in a libr57 call returns that call's code:
     * the record it left says more than "the callback failed". */
    if (r57_error_code(r57_error_last()) != rc)
        r57__error(rc, "%s: it returned %d (%s)", what, rc, r57_err_name(rc));
    return rc;
}
