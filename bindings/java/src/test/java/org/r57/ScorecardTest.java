package org.r57;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Key tasks, scorecards and the rating rule, as in the C and Python tests. */
class ScorecardTest {
    @Test
    void scorecardAndRatingAsInTheCTests() {
        try (Database d = Database.open(":memory:", "setup")) {
            d.createUnit("VN", "Viet Nam", UnitKind.NATION, null);
            d.createUnit("HN", "Ha Noi", UnitKind.PROVINCE, "VN");
            d.createUnit("HN-BD", "Ba Dinh ward", UnitKind.COMMUNE, "HN");
            d.createDocument("07-TB/CQTTBCD", DocumentKind.NOTICE, LocalDate.of(2025, 10, 15), null, null);
            d.setEvidenceRule("07-TB/CQTTBCD", TaskKind.ONE_OFF, false);
            d.createTask(TaskSpec.of("07-TB/CQTTBCD", "A").ownerUnit("HN-BD").deadline("by 20 October 2025"));
            d.createTask(TaskSpec.of("07-TB/CQTTBCD", "D").ownerUnit("HN").deadline("by 15 December 2025"));
            Task a = d.task("07-TB/CQTTBCD", "A");
            for (TaskStatus s : List.of(TaskStatus.IN_PROGRESS, TaskStatus.SUBMITTED, TaskStatus.DONE)) {
                a = d.setStatus(a, s, LocalDate.of(2025, 10, 18));
            }
            d.setKey(d.task("07-TB/CQTTBCD", "D"), KeyCategory.DIGITAL_TRANSFORMATION);
            assertEquals(Optional.of(KeyCategory.DIGITAL_TRANSFORMATION), d.key(d.task("07-TB/CQTTBCD", "D")));
            assertEquals(Optional.empty(), d.key(a));
            assertEquals(new RatingRule(90.0, true), d.ratingRule(Rating.EXCELLENT));
            LocalDate asOf = LocalDate.of(2026, 1, 10);
            Scorecard s = d.scorecard("HN", "2025Q4", asOf, true);
            assertEquals(List.of(2L, 1L, 0L, 1L, 0L), List.of(s.due(), s.onTime(), s.late(), s.overdue(), s.pending()));
            assertEquals(OptionalDouble.of(50.0), s.onTimeShare());
            assertEquals(Optional.of(Rating.DONE), s.rating());
            assertEquals(List.of(new KeyTask("07-TB/CQTTBCD", "D", KeyCategory.DIGITAL_TRANSFORMATION,
                    LocalDate.of(2025, 12, 15))), s.keyUnfinished());
            assertEquals("2025Q4", s.period());
            assertEquals(asOf, s.asOf());
            d.setRatingRule(Rating.DONE, new RatingRule(50, true));
            s = d.scorecard("HN", "2025Q4", asOf, true);
            assertEquals(Optional.of(Rating.NOT_DONE), s.rating());
            assertTrue(s.reason().startsWith("key task 'D' of '07-TB/CQTTBCD' (digital_transformation), due 2025-12-15"),
                    s.reason());
            assertEquals(Optional.empty(), d.scorecard("HN", "2025-10", asOf, false).rating());
            d.setKey(d.task("07-TB/CQTTBCD", "D"), null);
            assertEquals(Optional.empty(), d.key(d.task("07-TB/CQTTBCD", "D")));
        }
    }
}
