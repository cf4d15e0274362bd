package org.r57;

import java.time.LocalDate;

/** libr57 dates are days since 1970-01-01, as {@link LocalDate#toEpochDay()}. */
final class Dates {
    /** R57_DATE_NONE (INT32_MIN): no date. */
    static final int NONE = Integer.MIN_VALUE;

    private Dates() {
    }

    static LocalDate of(int days) {
        return days == NONE ? null : LocalDate.ofEpochDay(days);
    }

    static int days(LocalDate date) {
        if (date == null) {
            return NONE;
        }
        long d = date.toEpochDay();
        if (d <= Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw new InvalidInputException(ErrorCode.INVAL.code(), "date " + date + " is out of range");
        }
        return (int) d;
    }
}
