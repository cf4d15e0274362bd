package org.r57;

/** Where evidence stands: submitted, then verified or rejected ({@code r57_evidence_status_t}). */
public enum EvidenceStatus {
    SUBMITTED(capiConstants.R57_EVIDENCE_SUBMITTED),
    VERIFIED(capiConstants.R57_EVIDENCE_VERIFIED),
    REJECTED(capiConstants.R57_EVIDENCE_REJECTED);

    private final int code;

    EvidenceStatus(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_evidence_status_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static EvidenceStatus of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static EvidenceStatus parse(String label) {
        return Labels.byLabel(values(), label, EvidenceStatus::label);
    }
}
