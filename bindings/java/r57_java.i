/* Java-specific typemaps of bindings/r57.i (swig -java -package org.r57).
 *
 * The generated classes (capi, capiJNI, capiConstants) are the raw C API,
 * package-private; the public classes of org.r57 (Database, Cursor, the
 * records and exceptions) are written by hand on top of them.  The raw
 * layer follows the C API one to one:
 *
 *  - a negative result code throws: the wrapper asks the Java factory
 *    R57Exception.fromNative for the exception of that code, with the
 *    thread's last error (message, line, column, offset, SQLite code);
 *  - `TYPE **out` is a one-element long[] receiving the handle (JNI's
 *    out-parameter form; Java has no pointers), opaque handles are longs;
 *  - scalars through pointers are one-element arrays (SWIG's OUTPUT);
 *  - strings cross as UTF-8 byte arrays and are decoded in Java, because
 *    JNI's own string functions use "modified UTF-8", which mangles
 *    characters outside the BMP and NUL (a title with an emoji must come
 *    back as it went in).
 */

%include <typemaps.i>
%include <enumsimple.swg>

/* Raw layer: not part of the public API. */
%pragma(java) moduleclassmodifiers = "final class"
%pragma(java) jniclassclassmodifiers = "final class"
%pragma(java) jniclasscode = %{
  static {
    NativeLibrary.load();
  }
%}

/* Helpers of r57.i that are C-only, and the string macros (use r57_version()). */
%ignore r57b_import_options;
%ignore R57_VERSION;
%ignore R57_VERSION_STRING;

%{
/* Throws the org.r57 exception of `code`, built from the calling thread's
 * last error.  The wrapper goes on to release its arguments (allowed with
 * a pending exception) and returns; argout typemaps check for it. */
static void r57j_throw(JNIEnv *jenv, int code)
{
    const r57_error *e = r57_error_last();
    const char *msg = r57_error_message(e);
    jclass cls;
    jmethodID make;
    jbyteArray bytes;
    jobject exc;
    jsize n;

    if ((*jenv)->ExceptionCheck(jenv))
        return;
    cls = (*jenv)->FindClass(jenv, "org/r57/R57Exception");
    if (!cls)
        return; /* NoClassDefFoundError is pending */
    make = (*jenv)->GetStaticMethodID(jenv, cls, "fromNative",
                                      "(I[BIIJI)Lorg/r57/R57Exception;");
    if (!make)
        return;
    n = (jsize)strlen(msg);
    bytes = (*jenv)->NewByteArray(jenv, n);
    if (!bytes)
        return;
    (*jenv)->SetByteArrayRegion(jenv, bytes, 0, n, (const jbyte *)msg);
    exc = (*jenv)->CallStaticObjectMethod(jenv, cls, make, (jint)code, bytes,
                                          (jint)r57_error_line(e), (jint)r57_error_column(e),
                                          (jlong)r57_error_offset(e),
                                          (jint)r57_error_sqlite_code(e));
    if (exc && !(*jenv)->ExceptionCheck(jenv))
        (*jenv)->Throw(jenv, (jthrowable)exc);
    (*jenv)->DeleteLocalRef(jenv, bytes);
    (*jenv)->DeleteLocalRef(jenv, cls);
}
%}

/* Fallible calls: a negative result throws; otherwise the value (R57_OK). */
%typemap(out) int %{
    if ($1 < 0)
        r57j_throw(jenv, $1);
    $result = (jint)$1;
%}

%typemap(out) int R57_PLAIN %{
    $result = (jint)$1;
%}

/* Iteration: 0 with an object, R57_ITEROVER at the end; anything else throws. */
%typemap(out) int R57_NEXT_RC %{
    if ($1 < 0 && $1 != R57_ITEROVER)
        r57j_throw(jenv, $1);
    $result = (jint)$1;
%}

/* Opaque handles are longs (the address); NULL is 0. */
%typemap(jni) SWIGTYPE * "jlong"
%typemap(jtype) SWIGTYPE * "long"
%typemap(jstype) SWIGTYPE * "long"
%typemap(javain) SWIGTYPE * "$javainput"
%typemap(javaout) SWIGTYPE * {
    return $jnicall;
  }
%typemap(in) SWIGTYPE * %{ $1 = ($1_ltype)(intptr_t)$input; %}
%typemap(out) SWIGTYPE * %{ $result = (jlong)(intptr_t)$1; %}

/* `TYPE **out`: the handle arrives in element 0 of a long[1]. */
%typemap(jni) SWIGTYPE ** "jlongArray"
%typemap(jtype) SWIGTYPE ** "long[]"
%typemap(jstype) SWIGTYPE ** "long[]"
%typemap(javain) SWIGTYPE ** "$javainput"
%typemap(in) SWIGTYPE ** ($*1_ltype tmp = NULL) {
    if (!$input || (*jenv)->GetArrayLength(jenv, $input) < 1) {
        SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "out: a long[1] is needed");
        return $null;
    }
    $1 = &tmp;
}
%typemap(argout) SWIGTYPE ** {
    if (!(*jenv)->ExceptionCheck(jenv)) {
        jlong handle = (jlong)(intptr_t)*$1;
        (*jenv)->SetLongArrayRegion(jenv, $input, 0, 1, &handle);
    }
}

/* Every handle type uses the typemaps above. */
%define R57_OUT_HANDLE(T)
%enddef

/* Scalars through pointers (SWIG's OUTPUT arrays), written back only when
 * the call succeeded (no JNI call may follow a pending exception). */
%typemap(argout) int *OUTPUT {
    if (!(*jenv)->ExceptionCheck(jenv)) {
        jint v = (jint)temp$argnum;
        (*jenv)->SetIntArrayRegion(jenv, $input, 0, 1, &v);
    }
}
%typemap(argout) long long *OUTPUT {
    if (!(*jenv)->ExceptionCheck(jenv)) {
        jlong v = (jlong)temp$argnum;
        (*jenv)->SetLongArrayRegion(jenv, $input, 0, 1, &v);
    }
}
%typemap(argout) bool *OUTPUT {
    if (!(*jenv)->ExceptionCheck(jenv)) {
        jboolean v = (jboolean)temp$argnum;
        (*jenv)->SetBooleanArrayRegion(jenv, $input, 0, 1, &v);
    }
}
/* An enum through a pointer: its value in element 0 of an int[1]. */
%typemap(jni) enum SWIGTYPE *out, enum SWIGTYPE *kind_out, enum SWIGTYPE *timeliness "jintArray"
%typemap(jtype) enum SWIGTYPE *out, enum SWIGTYPE *kind_out, enum SWIGTYPE *timeliness "int[]"
%typemap(jstype) enum SWIGTYPE *out, enum SWIGTYPE *kind_out, enum SWIGTYPE *timeliness "int[]"
%typemap(javain) enum SWIGTYPE *out, enum SWIGTYPE *kind_out, enum SWIGTYPE *timeliness "$javainput"
%typemap(in) enum SWIGTYPE *out ($*1_ltype temp), enum SWIGTYPE *kind_out ($*1_ltype temp),
             enum SWIGTYPE *timeliness ($*1_ltype temp) {
    if (!$input || (*jenv)->GetArrayLength(jenv, $input) < 1) {
        SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "$1_name: an int[1] is needed");
        return $null;
    }
    temp = ($*1_ltype)0;
    $1 = &temp;
}
%typemap(argout) enum SWIGTYPE *out, enum SWIGTYPE *kind_out, enum SWIGTYPE *timeliness {
    if (!(*jenv)->ExceptionCheck(jenv)) {
        jint v = (jint)*$1;
        (*jenv)->SetIntArrayRegion(jenv, $input, 0, 1, &v);
    }
}
%typemap(argout) double *OUTPUT {
    if (!(*jenv)->ExceptionCheck(jenv)) {
        jdouble v = (jdouble)temp$argnum;
        (*jenv)->SetDoubleArrayRegion(jenv, $input, 0, 1, &v);
    }
}

/* Counts are never near 2^63: unsigned 64-bit numbers are Java longs, not
 * BigIntegers. */
%apply long long { unsigned long long, uint64_t };

/* Strings: NUL-terminated UTF-8 in a byte[] (Text.encode / Text.decode). */
%typemap(jni) char *, const char * "jbyteArray"
%typemap(jtype) char *, const char * "byte[]"
%typemap(jstype) char *, const char * "String"
%typemap(javain) char *, const char * "Text.encode($javainput)"
%typemap(javaout) char *, const char * {
    return Text.decode($jnicall);
  }
%typemap(in) char *, const char * {
    $1 = NULL;
    if ($input) {
        $1 = ($1_ltype)(*jenv)->GetByteArrayElements(jenv, $input, NULL);
        if (!$1)
            return $null;
    }
}
%typemap(freearg) char *, const char * {
    if ($1)
        (*jenv)->ReleaseByteArrayElements(jenv, $input, (jbyte *)$1, JNI_ABORT);
}
%typemap(out) char *, const char * {
    $result = NULL;
    if ($1) {
        jsize n = (jsize)strlen($1);
        $result = (*jenv)->NewByteArray(jenv, n);
        if ($result)
            (*jenv)->SetByteArrayRegion(jenv, $result, 0, n, (const jbyte *)$1);
    }
}

/* Strings the library allocates for the caller: a String[1] receives it. */
%typemap(jni) char **out "jobjectArray"
%typemap(jtype) char **out "byte[][]"
%typemap(jstype) char **out "String[]"
%typemap(javain, pre = "    byte[][] raw$javainput = new byte[1][];",
         post = "      $javainput[0] = Text.decode(raw$javainput[0]);") char **out "raw$javainput"
%typemap(in) char **out (char *tmp = NULL) {
    if (!$input || (*jenv)->GetArrayLength(jenv, $input) < 1) {
        SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "out: a byte[1][] is needed");
        return $null;
    }
    $1 = &tmp;
}
%typemap(argout) char **out {
    if (*$1 && !(*jenv)->ExceptionCheck(jenv)) {
        jsize n = (jsize)strlen(*$1);
        jbyteArray bytes = (*jenv)->NewByteArray(jenv, n);
        if (bytes) {
            (*jenv)->SetByteArrayRegion(jenv, bytes, 0, n, (const jbyte *)*$1);
            (*jenv)->SetObjectArrayElement(jenv, $input, 0, bytes);
            (*jenv)->DeleteLocalRef(jenv, bytes);
        }
    }
    r57_free(*$1);
}

/* Bytes to hash (r57b_sha256, r57b_evidence_submit): a byte[], or null. */
%typemap(jni) (char *bytes, size_t bytes_size) "jbyteArray"
%typemap(jtype) (char *bytes, size_t bytes_size) "byte[]"
%typemap(jstype) (char *bytes, size_t bytes_size) "byte[]"
%typemap(javain) (char *bytes, size_t bytes_size) "$javainput"
%typemap(in) (char *bytes, size_t bytes_size) {
    $1 = NULL;
    $2 = 0;
    if ($input) {
        $2 = (size_t)(*jenv)->GetArrayLength(jenv, $input);
        $1 = (char *)(*jenv)->GetByteArrayElements(jenv, $input, NULL);
        if (!$1)
            return $null;
    }
}
%typemap(freearg) (char *bytes, size_t bytes_size) {
    if ($1)
        (*jenv)->ReleaseByteArrayElements(jenv, $input, (jbyte *)$1, JNI_ABORT);
}
