package org.r57;

import java.time.LocalDate;

/**
 * A deadline as the library reads it from text ("by 15 November 2025",
 * "quý IV/2025", "hằng tháng"): its kind and, for a dated one, the due date
 * (docs/deadlines.md).
 */
public record Deadline(DeadlineKind kind, LocalDate due) {
    /**
     * Reads a deadline as written.
     *
     * @throws ParseException if the text is not a deadline the library knows
     */
    public static Deadline parse(String text) {
        int[] kind = new int[1];
        int[] due = new int[1];
        capi.r57_deadline_parse(kind, due, text);
        return new Deadline(DeadlineKind.of(kind[0]), Dates.of(due[0]));
    }

    /** The instance of a regular deadline that contains a date. */
    public record Instance(LocalDate start, LocalDate due) {
    }

    /**
     * The instance (start and due date) of a regular deadline containing {@code at}.
     *
     * @throws InvalidInputException if the kind is not regular
     */
    public static Instance instance(DeadlineKind kind, LocalDate at) {
        int[] start = new int[1];
        int[] due = new int[1];
        capi.r57_deadline_instance(start, due, kind.code(), Dates.days(at));
        return new Instance(Dates.of(start[0]), Dates.of(due[0]));
    }
}
