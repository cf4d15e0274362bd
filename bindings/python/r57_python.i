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
