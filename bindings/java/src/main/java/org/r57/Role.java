package org.r57;

/** A role an actor holds in a unit or system-wide ({@code r57_role_t}; docs/access.md). */
public enum Role {
    REPORTER(capiConstants.R57_ROLE_REPORTER),
    VERIFIER(capiConstants.R57_ROLE_VERIFIER),
    MANAGER(capiConstants.R57_ROLE_MANAGER),
    ADMINISTRATOR(capiConstants.R57_ROLE_ADMINISTRATOR),
    AUDITOR(capiConstants.R57_ROLE_AUDITOR);

    private final int code;

    Role(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_role_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static Role of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static Role parse(String label) {
        int[] out = new int[1];
        capi.r57_role_parse(out, label);
        return of(out[0]);
    }
}
