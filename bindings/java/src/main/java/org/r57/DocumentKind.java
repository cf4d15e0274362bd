package org.r57;

/** The kind of an issuing document ({@code r57_document_kind_t}). */
public enum DocumentKind {
    NOTICE(capiConstants.R57_DOC_NOTICE),
    DECISION(capiConstants.R57_DOC_DECISION),
    PLAN(capiConstants.R57_DOC_PLAN),
    RESOLUTION(capiConstants.R57_DOC_RESOLUTION),
    DIRECTIVE(capiConstants.R57_DOC_DIRECTIVE),
    OTHER(capiConstants.R57_DOC_OTHER);

    private final int code;

    DocumentKind(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_document_kind_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static DocumentKind of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static DocumentKind parse(String label) {
        int[] out = new int[1];
        capi.r57_document_kind_parse(out, label);
        return of(out[0]);
    }
}
