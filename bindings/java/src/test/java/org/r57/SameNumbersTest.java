package org.r57;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same numbers as the C tests (tests/data/notice07-2025-11-20.expected,
 * tests/test_kpi.c) and bindings/python/tests/test_r57.py, on the same data.
 */
class SameNumbersTest extends Notice07Test {

    @Test
    void notice07DeadlinesAndLintMatchTheCExample() {
        Task t = db.task(Fixtures.DOC, "III.8");
        assertEquals(LocalDate.of(2025, 11, 15), t.due());
        assertEquals(DeadlineKind.DAY, t.deadlineKind());
        assertEquals("day", t.deadlineKind().label());
        assertEquals(List.of("GOVERNMENT-OFFICE", "MINISTRY-OF-HOME-AFFAIRS"), t.coordinatingUnits());
        Verdict v = db.lint(db.task(Fixtures.DOC, "II.2.b.2"));
        assertFalse(v.isClear());
        assertEquals(Clarity.VAGUE, v.clarity(ClearField.OWNER));
        assertEquals("owner 'assigned ministries': names a class of bodies, not one unit ('assigned ministries'): "
                + "assign it to each unit of the central level", v.reason(ClearField.OWNER));
        assertEquals(Clarity.MISSING, v.clarity(ClearField.DEADLINE));
        assertEquals("no deadline", v.reason(ClearField.DEADLINE));
        assertEquals("authority 'competent authorities': names a class of bodies, not one unit "
                + "('competent authorities'): name one lead unit, or assign it to each", v.reason(ClearField.AUTHORITY));
        try (Cursor<Task> all = db.tasks()) {
            assertEquals(23, all.stream().count());
        }
    }

    @Test
    void noTaskOfNotice07IsSixClear() {
        try (Cursor<Task> all = db.tasks()) {
            assertEquals(0, all.stream().filter(t -> db.lint(t).isClear()).count());
        }
    }

    @Test
    void overdueAsOf20November2025() {
        List<Overdue> rows = db.overdue(LocalDate.of(2025, 11, 20));
        assertEquals(12, rows.size()); // as tests/data/notice07-2025-11-20.expected
        Overdue first = rows.get(0);
        assertEquals("IV.3", first.task().ref());
        assertEquals(Timeliness.OVERDUE, first.timeliness());
        assertEquals(LocalDate.of(2025, 10, 18), first.due());
        assertTrue(rows.stream().allMatch(r -> r.timeliness() == Timeliness.OVERDUE));
        assertEquals(new TaskTimeliness(Timeliness.DUE_SOON, LocalDate.of(2025, 11, 30)),
                db.timeliness(db.task(Fixtures.DOC, "App.2.e"), LocalDate.of(2025, 11, 25)));
    }

    @Test
    void reported2025LocalLevelHasNoTargetForThisScope() {
        // As tests/test_kpi.c: the 80 % goal binds the Ministry of Industry
        // and Trade and its subordinate agencies in 2026, not the local level.
        db.createGroup("local", "Cấp địa phương");
        db.setValue("full_online_public_services_share_reported", "local", "2025", 45,
                "Steering Committee conference report");
        Attainment a = db.attainment("full_online_public_services_share", "local", "2025");
        assertEquals(AttainmentStatus.NO_TARGET, a.status());
        assertEquals(OptionalDouble.of(45.0), a.value());
        assertEquals(OptionalDouble.empty(), a.target());
        assertEquals(Optional.empty(), a.comparison());
        assertEquals("no target for this scope: no target of 'full_online_public_services_share' binds 'local' in 2025",
                a.reason());
    }

    @Test
    void tfp2019ContributionAsInTheCTest() {
        db.setValue("capital_share", "VN", "2019", 0.4, null);
        db.setValue("output", "VN", "2018", 1000.0, null);
        db.setValue("output", "VN", "2019", 1070.2, null);
        db.setValue("capital", "VN", "2018", 2000.0, null);
        db.setValue("capital", "VN", "2019", 2000.0 * 1.07207695, null);
        db.setValue("labour", "VN", "2018", 50.0, null);
        db.setValue("labour", "VN", "2019", 50.75, null);
        double v = db.evaluate("tfp_contribution_share", "VN", "2019").value().getAsDouble();
        assertEquals(46.11, Math.round(v * 100) / 100.0);
    }

    @Test
    void evaluateTableAgreesWithEvaluatePairByPair() {
        db.createUnit("P1", "province one", UnitKind.PROVINCE, "VN");
        db.createUnit("C1", "commune one", UnitKind.COMMUNE, "P1");
        db.createUnit("C2", "commune two", UnitKind.COMMUNE, "P1");
        db.setValue("procedures_total", "C1", "2026", 10, null);
        db.setValue("procedures_fully_online", "C1", "2026", 4, null);
        db.setValue("procedures_total", "C2", "2026", 20, null);
        db.setValue("procedures_fully_online", "C2", "2026", 15, null);
        db.setValue("procedures_total", "C1", "2027", 0, null);
        db.setValue("procedures_fully_online", "C1", "2027", 0, null);
        List<KpiValue> rows = db.evaluateTable("full_online_procedures_share", "2026..2027", "P1");
        assertEquals(List.of("P1/2026", "P1/2027", "C1/2026", "C1/2027", "C2/2026", "C2/2027"),
                rows.stream().map(r -> r.unit() + "/" + r.period()).toList());
        for (KpiValue r : rows) {
            KpiValue one = db.evaluate("full_online_procedures_share", r.unit(), r.period());
            assertEquals(one.value(), r.value());
            assertEquals(one.reason(), r.reason());
        }
        assertEquals(100.0 * 19 / 30, rows.get(0).value().getAsDouble(), 1e-9);
        assertEquals(OptionalDouble.of(40.0), rows.get(2).value());
        assertTrue(rows.get(3).value().isEmpty());
        assertTrue(rows.get(3).reason().contains("0"), rows.get(3).reason());
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> db.evaluateTable("full_online_procedures_share", "2026", "NOWHERE"));
        assertTrue(e.getMessage().contains("NOWHERE"), e.getMessage());
    }

    @Test
    void statusAndUpdatesReturnFreshCopies() {
        Task t = db.task(Fixtures.DOC, "III.8");
        Task t2 = db.setStatus(t, TaskStatus.IN_PROGRESS, LocalDate.of(2025, 10, 20));
        assertEquals(TaskStatus.ASSIGNED, t.status());
        assertEquals(TaskStatus.IN_PROGRESS, t2.status());
        Task t3 = db.updateTask(t2, TaskField.ACCOUNTABILITY, "Minister of Justice");
        assertEquals(Clarity.CLEAR, db.lint(t3).clarity(ClearField.ACCOUNTABILITY));
        // A clear who-field's reason says what its text resolved to.
        assertEquals("accountability 'Minister of Justice': MINISTRY-OF-JUSTICE (Ministry of Justice)",
                db.lint(t3).reason(ClearField.ACCOUNTABILITY));
    }

    @Test
    void reportedFiguresAndThePublicReportAsTheCli(@TempDir Path tmp) throws IOException {
        db.loadUnits(); // "central level" and "local level" are its unit groups
        ImportReport rep = db.importValuesCsv(Fixtures.SHARED.resolve("reported_2025.csv"),
                ImportOptions.defaults().createUnits(true).parentUnit("VN"));
        assertEquals(11, rep.values());
        assertEquals(List.of(), rep.unitsCreated());
        Attainment a = db.attainment("full_online_public_services_share", "local", "2025");
        assertEquals(AttainmentStatus.NO_TARGET, a.status());
        assertEquals(OptionalDouble.of(45.0), a.value());
        assertEquals(OptionalDouble.empty(), a.gap());
        Path bad = Files.writeString(tmp.resolve("bad.csv"),
                "indicator,scope,period,value\nfull_online_procedures_share,nation,2025,12\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> db.importValuesCsv(bad, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("is computed"), e.getMessage());
        assertEquals(2, e.line());
        Path site = tmp.resolve("site");
        db.writeReport(site, ReportOptions.defaults().asOf(LocalDate.of(2025, 11, 20)).period("2025"));
        String json = Files.readString(site.resolve("report.json"));
        for (String code : List.of("VN", "local", "MINISTRY-OF-JUSTICE")) {
            assertTrue(java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"" + code + "\"").matcher(json).find(),
                    code);
        }
        String page = Files.readString(site.resolve("units").resolve("local.html"));
        assertEquals(0, page.split("class=\"target\"", -1).length - 1);
        assertTrue(page.contains("no target for this scope"));
    }

    @Test
    void exportImportRoundTrip() {
        String text = db.export();
        try (Database other = Database.open(":memory:")) {
            ImportReport rep = other.importJson(text);
            assertEquals(23, rep.tasks());
            assertEquals(text, other.export());
        }
    }
}
