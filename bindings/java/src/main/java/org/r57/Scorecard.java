package org.r57;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A unit's scorecard for a period as of a date (a copy; docs/scorecards.md):
 * the tasks that fell due and how they went, the key tasks unfinished past
 * their deadline, the unit's KPI targets, and the rating with its reason.
 */
public record Scorecard(String unit, String period, LocalDate asOf, long due, long onTime, long late, long overdue,
                        long pending, OptionalDouble onTimeShare, List<KeyTask> keyUnfinished, long targetsMet,
                        long targetsNotMet, long targetsNoData, Optional<Rating> rating, String reason) {
    public Scorecard {
        keyUnfinished = List.copyOf(keyUnfinished);
    }

    static Scorecard read(long s) {
        List<KeyTask> keys = new ArrayList<>();
        for (long i = 0, n = capi.r57_scorecard_key_unfinished(s); i < n; i++) {
            keys.add(new KeyTask(capi.r57_scorecard_key_document(s, i), capi.r57_scorecard_key_ref(s, i),
                    KeyCategory.of(capi.r57_scorecard_key_category(s, i)), Dates.of(capi.r57_scorecard_key_due(s, i))));
        }
        int rating = capi.r57_scorecard_rating(s);
        return new Scorecard(capi.r57_scorecard_unit(s), Period.text(capi.r57_scorecard_period(s)),
                Dates.of(capi.r57_scorecard_as_of(s)), capi.r57_scorecard_due(s), capi.r57_scorecard_on_time(s),
                capi.r57_scorecard_late(s), capi.r57_scorecard_overdue(s), capi.r57_scorecard_pending(s),
                KpiValue.opt(capi.r57_scorecard_on_time_share(s)), keys, capi.r57_scorecard_targets_met(s),
                capi.r57_scorecard_targets_not_met(s), capi.r57_scorecard_targets_no_data(s),
                rating < 0 ? Optional.empty() : Optional.of(Rating.of(rating)), capi.r57_scorecard_reason(s));
    }
}
