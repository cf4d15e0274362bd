package org.r57;

import java.time.LocalDate;

/** How a task stands as of a date, and the due date that was judged (null if none). */
public record TaskTimeliness(Timeliness state, LocalDate due) {
}
