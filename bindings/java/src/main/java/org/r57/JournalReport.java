package org.r57;

/**
 * What checking the journal's hash chain found: the first problem (and the
 * entry it was found at, 0 if none), the library's message, the number of
 * entries read, and the head hash to publish as an anchor.
 */
public record JournalReport(JournalProblem problem, long seq, String message, long entries, String head) {
    public boolean isIntact() {
        return problem == JournalProblem.INTACT;
    }

    static JournalReport read(long r) {
        return new JournalReport(JournalProblem.of(capi.r57_journal_report_problem(r)), capi.r57_journal_report_seq(r),
                capi.r57_journal_report_message(r), capi.r57_journal_report_entries(r), capi.r57_journal_report_head(r));
    }
}
