package org.r57;

/** What {@link Database#verifyJournal} found ({@code r57_journal_problem_t}; docs/journal.md). */
public enum JournalProblem {
    INTACT(capiConstants.R57_JOURNAL_INTACT),
    EDITED(capiConstants.R57_JOURNAL_EDITED),
    DELETED(capiConstants.R57_JOURNAL_DELETED),
    INSERTED(capiConstants.R57_JOURNAL_INSERTED),
    REORDERED(capiConstants.R57_JOURNAL_REORDERED),
    UNANCHORED(capiConstants.R57_JOURNAL_UNANCHORED);

    private final int code;

    JournalProblem(int code) {
        this.code = code;
    }

    /** The C value. */
    int code() {
        return code;
    }

    /** The library's name of the constant, e.g. as in its JSON and messages. */
    public String label() {
        return capi.r57_journal_problem_name(code);
    }

    /** The library's name ({@link #label()}). */
    @Override
    public String toString() {
        return label();
    }

    static JournalProblem of(int code) {
        return Labels.byCode(values(), code, v -> v.code);
    }

    /**
     * The constant the library names {@code label} (as {@link #toString()} gives it).
     *
     * @throws InvalidInputException if the library knows no such name
     */
    public static JournalProblem parse(String label) {
        return Labels.byLabel(values(), label, JournalProblem::label);
    }
}
