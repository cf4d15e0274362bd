package org.r57;

import java.time.LocalDate;

/** A key task left unfinished past its deadline, as a scorecard lists it. */
public record KeyTask(String document, String ref, KeyCategory category, LocalDate due) {
}
