package org.r57;

/** The kind of an evidence record ({@code r57_evidence_kind_t}; docs/evidence.md). */
public enum EvidenceKind {
    DOCUMENT(capiConstants.R57_EVIDENCE_DOCUMENT),
    LINK(capiConstants.R57_EVIDENCE_LINK),
    DATASET(capiConstants.R57_EVIDENCE_DATASET),
    FILE(capiConstants.R57_EVIDENCE_FILE),
    MINUTES(capiConstants.R57_EVIDENCE_MINUTES);

    private final int code;

    EvidenceKind(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_evidence_kind_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static EvidenceKind of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static EvidenceKind parse(String label) {
        int[] out = new int[1];
        capi.r57_evidence_kind_parse(out, label);
        return of(out[0]);
    }
}
