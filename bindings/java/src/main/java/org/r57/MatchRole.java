package org.r57;

/** The role a unit plays in a resolved text ({@code r57_match_role_t}). */
public enum MatchRole {
    /** It leads ("chủ trì"). */
    LEAD(capiConstants.R57_MATCH_LEAD, "lead"),
    /** It coordinates ("phối hợp với …"). */
    COORDINATING(capiConstants.R57_MATCH_COORDINATING, "coordinating");

    private final int code;
    private final String label;

    MatchRole(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** "lead" or "coordinating", as in the library's JSON. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    static MatchRole of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }
}
