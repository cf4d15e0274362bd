package org.r57;

import java.time.LocalDate;

/** A row of the overdue list: the task, how it stands, and the due date judged. */
public record Overdue(Task task, Timeliness timeliness, LocalDate due) {
}
