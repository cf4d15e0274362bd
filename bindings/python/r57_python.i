/* Python-specific typemaps of bindings/r57.i. */

/* Errors become exceptions built by the package (r57.Error and its
 * subclasses), which registers its factory at import. */
%{
static PyObject *r57py_error_factory = NULL;

static void r57py_raise(int code)
{
    const r57_error *e = r57_error_last();
    if (r57py_error_factory) {
        PyObject *exc = PyObject_CallFunction(r57py_error_factory, "isii", code,
                                              r57_error_message(e), r57_error_line(e),
                                              r57_error_column(e));
        if (exc) {
            PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
            Py_DECREF(exc);
        }
        return;
    }
    PyErr_Format(PyExc_RuntimeError, "%s: %s", r57_err_name(code), r57_error_message(e));
}
%}

%inline %{
void r57b_set_error_factory(PyObject *factory)
{
    Py_XINCREF(factory);
    Py_XDECREF(r57py_error_factory);
    r57py_error_factory = factory;
}
%}

/* Fallible calls: a negative result raises; success returns None (or the
 * values of the out parameters). */
%typemap(out) int {
    if ($1 < 0) {
        r57py_raise($1);
        SWIG_fail;
    }
    $result = SWIG_Py_Void();
}

%typemap(out) int R57_PLAIN {
    $result = PyLong_FromLong($1);
}

%typemap(out) int R57_NEXT_RC {
    if ($1 < 0 && $1 != R57_ITEROVER) {
        r57py_raise($1);
        SWIG_fail;
    }
    $result = SWIG_Py_Void();
}

/* An enum through a pointer: its value, appended to the results. */
%typemap(in, numinputs=0) enum SWIGTYPE *out ($*1_ltype temp), enum SWIGTYPE *kind_out ($*1_ltype temp),
                          enum SWIGTYPE *timeliness ($*1_ltype temp) {
    temp = ($*1_ltype)0;
    $1 = &temp;
}
%typemap(argout) enum SWIGTYPE *out, enum SWIGTYPE *kind_out, enum SWIGTYPE *timeliness {
    $result = SWIG_Python_AppendOutput($result, PyLong_FromLong((long)*$1));
}

%define R57_OUT_HANDLE(T)
%typemap(in, numinputs=0) T **out (T *tmp = NULL) { $1 = &tmp; }
%typemap(argout) T **out {
    $result = SWIG_Python_AppendOutput($result,
                                       SWIG_NewPointerObj(SWIG_as_voidptr(*$1), $*1_descriptor, 0));
}
%enddef

/* Bytes to hash: a bytes-like object (bytes, bytearray). */
%typemap(in) (char *bytes, size_t bytes_size) (Py_buffer view = { NULL }) {
    if (PyObject_GetBuffer($input, &view, PyBUF_SIMPLE) < 0)
        SWIG_fail;
    $1 = (char *)view.buf;
    $2 = (size_t)view.len;
}
%typemap(freearg) (char *bytes, size_t bytes_size) {
    if (view$argnum.obj)
        PyBuffer_Release(&view$argnum);
}

/* Strings the library allocates for the caller. */
%typemap(in, numinputs=0) char **out (char *tmp = NULL) { $1 = &tmp; }
%typemap(argout) char **out {
    if (*$1) {
        $result = SWIG_Python_AppendOutput($result, PyUnicode_FromString(*$1));
        r57_free(*$1);
    }
}

/* The GIL is held by default: a handle may be used by one thread at a
 * time, and the Python layer serialises calls per database with a lock.
 * The long calls release it, so other threads (on other databases, or
 * doing Python work) run meanwhile. */
%feature("nothread", "1");
%feature("nothread", "0") r57b_import;
%feature("nothread", "0") r57b_export;
%feature("nothread", "0") r57_catalogue_load;
%feature("nothread", "0") r57_unit_registry_load;
%feature("nothread", "0") r57_resolver_words_load;
%feature("nothread", "0") r57_tasks_resolve;
%feature("nothread", "0") r57_task_assign_each;
%feature("nothread", "0") r57_kpi_eval;
%feature("nothread", "0") r57_attainment_get;
%feature("nothread", "0") r57_kpi_table_eval;
%feature("nothread", "0") r57_journal_verify;
%feature("nothread", "0") r57_scorecard_get;
%feature("nothread", "0") r57b_report_write;
%feature("nothread", "0") r57b_sha256;
%feature("nothread", "0") r57b_sha256_file;
%feature("nothread", "0") r57b_evidence_submit;
%feature("nothread", "0") r57_evidence_recheck;

/*
 * The bulk path for DataFrames: every stored value a query selects, as
 * columns, in one call (r57.Database.values_columns; bench/python_bench.py
 * measures it against the per-row iterator and pandas.read_sql).  Returns a
 * tuple (elements, units, periods, values, sources, reported_by): lists of
 * str, except values, which is bytes holding the numbers as native doubles
 * (numpy.frombuffer or array("d") read them without a Python float per row).
 *
 * It goes through the public iterator (r57_value_iterator_new/next), so the
 * rows, their order and the errors are exactly those of r57.Database.values.
 * The GIL is released while each chunk of rows is read from SQLite and held
 * while the chunk becomes Python objects.  A string equal to the one in the
 * row before (an element, a source) reuses that row's Python object, and
 * each period's text is made once.
 */
%{
#define R57PY_CHUNK 4096

/* Appends s to list, reusing *prev when it holds the same text. */
static int r57py_append_text(PyObject *list, const char *s, PyObject **prev)
{
    if (!*prev || strcmp(PyUnicode_AsUTF8(*prev), s) != 0) {
        PyObject *o = PyUnicode_FromString(s);
        if (!o)
            return -1;
        Py_XDECREF(*prev);
        *prev = o;
    }
    return PyList_Append(list, *prev);
}

/* Appends the text of period p, made once per period and kept in seen. */
static int r57py_append_period(PyObject *list, r57_period p, PyObject *seen)
{
    PyObject *key = PyLong_FromLongLong((long long)p), *text;
    int rc = -1;
    if (!key)
        return -1;
    text = PyDict_GetItemWithError(seen, key); /* borrowed */
    if (text) {
        rc = PyList_Append(list, text);
    } else if (!PyErr_Occurred()) {
        char buf[R57_PERIOD_TEXT_SIZE];
        int err = r57_period_format(buf, sizeof buf, p);
        if (err < 0) {
            r57py_raise(err);
        } else if ((text = PyUnicode_FromString(buf)) != NULL) {
            rc = PyDict_SetItem(seen, key, text) < 0 ? -1 : PyList_Append(list, text);
            Py_DECREF(text);
        }
    }
    Py_DECREF(key);
    return rc;
}
%}

%inline %{
PyObject *r57b_value_columns(r57_db *db, const char *element, const char *unit,
                             int include_subunits, const char *period)
{
    /* Columns 0-4: element, unit, period, source, reported_by (texts). */
    PyObject *cols[5] = { NULL }, *prev[5] = { NULL }, *seen = NULL, *result = NULL;
    r57_value_query q = R57_VALUE_QUERY_INIT;
    r57_value_iterator *it = NULL;
    r57_value *chunk[R57PY_CHUNK];
    double *numbers = NULL;
    size_t count = 0, cap = 0, n = 0, i;
    int rc, c;

    q.element = element;
    q.unit = unit;
    q.include_subunits = include_subunits;
    q.period = period;
    Py_BEGIN_ALLOW_THREADS
    rc = r57_value_iterator_new(&it, db, &q);
    Py_END_ALLOW_THREADS
    if (rc < 0) {
        r57py_raise(rc);
        return NULL;
    }
    for (c = 0; c < 5; c++)
        if (!(cols[c] = PyList_New(0)))
            goto done;
    if (!(seen = PyDict_New()))
        goto done;
    do {
        n = 0;
        Py_BEGIN_ALLOW_THREADS
        while (n < R57PY_CHUNK && (rc = r57_value_next(&chunk[n], it)) == R57_OK)
            n++;
        Py_END_ALLOW_THREADS
        if (count + n > cap) {
            size_t ncap = cap ? cap : R57PY_CHUNK;
            double *grown;
            while (ncap < count + n)
                ncap *= 2;
            if (!(grown = PyMem_Realloc(numbers, ncap * sizeof *numbers))) {
                PyErr_NoMemory();
                goto free_chunk;
            }
            numbers = grown;
            cap = ncap;
        }
        for (i = 0; i < n; i++) {
            const r57_value *v = chunk[i];
            if (r57py_append_text(cols[0], r57_value_element(v), &prev[0]) < 0 ||
                r57py_append_text(cols[1], r57_value_unit(v), &prev[1]) < 0 ||
                r57py_append_period(cols[2], r57_value_period(v), seen) < 0 ||
                r57py_append_text(cols[3], r57_value_source(v), &prev[3]) < 0 ||
                r57py_append_text(cols[4], r57_value_reported_by(v), &prev[4]) < 0)
                goto free_chunk;
            numbers[count++] = r57_value_number(v);
        }
        for (i = 0; i < n; i++)
            r57_value_free(chunk[i]);
        if (rc < 0 && rc != R57_ITEROVER) {
            r57py_raise(rc);
            goto done;
        }
    } while (rc == R57_OK);
    {
        PyObject *bytes = PyBytes_FromStringAndSize(numbers ? (const char *)numbers : "",
                                                    (Py_ssize_t)(count * sizeof *numbers));
        if (bytes) {
            result = PyTuple_Pack(6, cols[0], cols[1], cols[2], bytes, cols[3], cols[4]);
            Py_DECREF(bytes);
        }
    }
    goto done;
free_chunk:
    for (i = 0; i < n; i++)
        r57_value_free(chunk[i]);
done:
    r57_value_iterator_free(it);
    for (c = 0; c < 5; c++) {
        Py_XDECREF(cols[c]);
        Py_XDECREF(prev[c]);
    }
    Py_XDECREF(seen);
    PyMem_Free(numbers);
    return result;
}
%}
