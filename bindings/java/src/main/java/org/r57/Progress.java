package org.r57;

import java.time.LocalDate;

/**
 * A progress report on a task (a copy): percent complete, the narrative,
 * the date reported and, for a regular task, the period it covers (null
 * otherwise); who reported it and when (UTC, ISO 8601).
 */
public record Progress(long id, String document, String ref, int percent, String narrative, LocalDate date,
                       String period, String reportedBy, String reportedAt) {
    static Progress read(long p) {
        long period = capi.r57_progress_period(p);
        return new Progress(capi.r57_progress_id(p), capi.r57_progress_document(p), capi.r57_progress_ref(p),
                capi.r57_progress_percent(p), capi.r57_progress_narrative(p), Dates.of(capi.r57_progress_date(p)),
                period == 0 ? null : Period.text(period), capi.r57_progress_reported_by(p),
                capi.r57_progress_reported_at(p));
    }
}
