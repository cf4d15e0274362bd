package org.r57;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every public area of org.r57, one behaviour per test. */
class ApiTest {
    @TempDir
    Path tmp;

    private Database db;

    @BeforeEach
    void open() {
        db = Database.open(":memory:", "secretariat");
        db.createUnit("VN", "Viet Nam", UnitKind.NATION, null);
        db.createUnit("MOJ", "Bộ Tư pháp", UnitKind.MINISTRY, "VN");
        db.createUnit("HN", "Hà Nội", UnitKind.PROVINCE, "VN");
        db.createUnit("HN-BD", "Ba Đình", UnitKind.COMMUNE, "HN");
        db.createDocument("57-NQ/TW", DocumentKind.RESOLUTION, LocalDate.of(2024, 12, 22), "Politburo",
                "Breakthroughs in science, technology, innovation and digital transformation");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void unitsFormATreeAndAreFoundByCodeOrName() {
        assertEquals(new Unit("HN-BD", "Ba Đình", UnitKind.COMMUNE, "HN"), db.unit("HN-BD"));
        assertEquals("MOJ", db.unitByName("bộ tư pháp").code());
        assertEquals(List.of("HN", "HN-BD"), db.units("HN").stream().map(Unit::code).toList());
        assertEquals(4, db.units().size());
        assertNull(db.unit("VN").parent());
        assertEquals(UnitKind.PROVINCE, UnitKind.parse("province"));
        assertEquals("commune", UnitKind.COMMUNE.toString());
    }

    @Test
    void documentsKeepTheirDateOfIssue() {
        Document d = db.document("57-NQ/TW");
        assertEquals(DocumentKind.RESOLUTION, d.kind());
        assertEquals(LocalDate.of(2024, 12, 22), d.issued());
        assertEquals("Politburo", d.issuer());
        db.createDocument("07-TB/CQTTBCD", DocumentKind.NOTICE, null, null, null);
        assertEquals(List.of("07-TB/CQTTBCD", "57-NQ/TW"),
                db.documents().stream().map(Document::number).sorted().toList());
        assertNull(db.document("07-TB/CQTTBCD").issued());
    }

    /** The shim split coordinating units into an array of 256: those past it were dropped. */
    @Test
    void aTaskKeepsCoordinatingUnitsOfAnyNumber() {
        List<String> codes = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            codes.add(String.format("U%03d", i));
            db.createUnit(codes.get(i), "Unit " + i, UnitKind.MINISTRY, "VN");
        }
        for (int n : new int[] {255, 256, 257, 300}) {
            List<String> want = codes.subList(0, n);
            Task t = db.createTask(TaskSpec.of("57-NQ/TW", "C" + n).ownerUnit("MOJ")
                    .coordinatingUnits(want.toArray(new String[0])));
            assertEquals(want, t.coordinatingUnits());
            assertEquals(want, db.task("57-NQ/TW", "C" + n).coordinatingUnits());
        }
    }

    @Test
    void aTaskComesBackAsStoredWithItsDeadlineResolved() {
        Task t = db.createTask(TaskSpec.of("57-NQ/TW", "III.8").title("Hoàn thiện thể chế 📜")
                .ownerUnit("MOJ").owner("Bộ Tư pháp").deadline("quý IV/2025").product("a draft decree")
                .coordinating("Hanoi").coordinatingUnits("HN"));
        assertEquals("Hoàn thiện thể chế 📜", t.title()); // outside the BMP too
        assertEquals(DeadlineKind.QUARTER, t.deadlineKind());
        assertEquals(LocalDate.of(2025, 12, 31), t.due());
        assertEquals(TaskStatus.ASSIGNED, t.status());
        assertEquals(List.of("HN"), t.coordinatingUnits());
        assertTrue(t.id() > 0);
        assertEquals(t, db.task("57-NQ/TW", "III.8"));
        Verdict v = db.lint(t);
        assertEquals(Clarity.CLEAR, v.clarity(ClearField.OWNER));
        assertEquals(Clarity.CLEAR, v.clarity(ClearField.DEADLINE));
        assertEquals(Clarity.MISSING, v.clarity(ClearField.ACCOUNTABILITY));
    }

    @Test
    void taskQueriesSelectByDocumentUnitAndStatus() {
        db.createTask(TaskSpec.of("57-NQ/TW", "1").ownerUnit("MOJ"));
        db.createTask(TaskSpec.of("57-NQ/TW", "2").ownerUnit("HN-BD"));
        Task three = db.createTask(TaskSpec.of("57-NQ/TW", "3").ownerUnit("HN"));
        db.setStatus(three, TaskStatus.IN_PROGRESS, LocalDate.of(2025, 1, 2));
        assertEquals(List.of("2", "3"), refs(TaskQuery.all().unit("HN")));
        assertEquals(List.of("3"), refs(TaskQuery.all().unit("HN").includeSubunits(false)));
        assertEquals(List.of("3"), refs(TaskQuery.all().status(TaskStatus.IN_PROGRESS)));
        assertEquals(List.of("1", "2", "3"), refs(TaskQuery.all().document("57-NQ/TW")));
        assertEquals(List.of(), refs(TaskQuery.all().status(TaskStatus.DONE, TaskStatus.CANCELLED)));
    }

    private List<String> refs(TaskQuery q) {
        try (Cursor<Task> c = db.tasks(q)) {
            return c.stream().map(Task::ref).toList();
        }
    }

    @Test
    void aDoneTaskHasItsDateAndTimeliness() {
        db.setEvidenceRule("57-NQ/TW", TaskKind.ONE_OFF, false); // done without verified evidence
        assertFalse(db.evidenceRule("57-NQ/TW", TaskKind.ONE_OFF));
        assertTrue(db.evidenceRule("57-NQ/TW", TaskKind.REGULAR));
        Task t = db.createTask(TaskSpec.of("57-NQ/TW", "1").ownerUnit("MOJ").deadline("by 15 November 2025"));
        t = db.setStatus(t, TaskStatus.IN_PROGRESS, LocalDate.of(2025, 10, 1));
        t = db.setStatus(t, TaskStatus.SUBMITTED, LocalDate.of(2025, 11, 19));
        t = db.setStatus(t, TaskStatus.DONE, LocalDate.of(2025, 11, 20));
        assertEquals(LocalDate.of(2025, 11, 20), t.doneOn());
        assertEquals(Timeliness.DONE_LATE, db.timeliness(t, LocalDate.of(2025, 12, 1)).state());
    }

    @Test
    void aRegularTaskIsJudgedPerInstance() {
        // Instances start with the month of the document's date.
        db.createDocument("R/2025", DocumentKind.PLAN, LocalDate.of(2025, 10, 1), null, null);
        db.setEvidenceRule("R/2025", TaskKind.REGULAR, false);
        Task t = db.createTask(TaskSpec.of("R/2025", "R").ownerUnit("HN").deadline("hằng tháng"));
        assertEquals(new TaskTimeliness(Timeliness.DUE_SOON, LocalDate.of(2025, 10, 31)),
                db.timeliness(t, LocalDate.of(2025, 10, 30)));
        assertEquals(DeadlineKind.MONTHLY, t.deadlineKind());
        assertTrue(t.deadlineKind().isRegular());
        assertNull(t.due());
        db.instanceDone(t, LocalDate.of(2025, 10, 15), LocalDate.of(2025, 10, 30));
        TaskTimeliness tl = db.timeliness(t, LocalDate.of(2025, 10, 31));
        assertEquals(LocalDate.of(2025, 10, 31), tl.due());
        assertEquals(Timeliness.DONE_ON_TIME, tl.state());
        assertThrows(InvalidInputException.class, () -> db.instanceDone(
                db.createTask(TaskSpec.of("57-NQ/TW", "D").deadline("by 1 March 2026")),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2)));
    }

    @Test
    void theOverdueListOfOneUnit() {
        db.createTask(TaskSpec.of("57-NQ/TW", "a").ownerUnit("HN-BD").deadline("by 1 October 2025"));
        db.createTask(TaskSpec.of("57-NQ/TW", "b").ownerUnit("MOJ").deadline("by 1 October 2025"));
        db.createTask(TaskSpec.of("57-NQ/TW", "c").ownerUnit("HN").deadline("by 25 November 2025"));
        List<Overdue> hn = db.overdue(LocalDate.of(2025, 11, 20), 7, "HN", true);
        assertEquals(List.of("a/overdue", "c/due_soon"),
                hn.stream().map(o -> o.task().ref() + "/" + o.timeliness()).toList());
        assertEquals(1, db.overdue(LocalDate.of(2025, 11, 20), 7, "HN", false).size());
    }

    @Test
    void aLinterWithVaguePhrasesOfItsOwn() {
        Task t = db.createTask(TaskSpec.of("57-NQ/TW", "1").ownerUnit("MOJ").owner("Bộ Tư pháp")
                .product("appropriate measures").deadline("by 1 March 2026"));
        assertEquals(Clarity.CLEAR, db.lint(t).clarity(ClearField.PRODUCT));
        try (Linter l = new Linter().addVague(ClearField.PRODUCT, "appropriate measures", "names no deliverable")) {
            Verdict v = db.lint(t, l);
            assertEquals(Clarity.VAGUE, v.clarity(ClearField.PRODUCT));
            assertTrue(v.reason(ClearField.PRODUCT).contains("names no deliverable"), v.reason(ClearField.PRODUCT));
        }
    }

    @Test
    void valuesIndicatorsTargetsAndAttainment() {
        db.createElement("online", "procedures online", "count", Aggregation.SUM);
        db.createElement("total", "procedures", "count", Aggregation.SUM);
        db.createIndicator(IndicatorSpec.of("share", "online share").ratio("#{online}", "#{total}", 100).measure("%"));
        db.createIndicator(IndicatorSpec.of("gap", "offline procedures").formula("#{total} - #{online}")
                .direction(Direction.LOWER_IS_BETTER).rollup(Rollup.BOTH));
        db.createTarget(TargetSpec.of("share", Comparison.GE, 80).period("2026"));
        db.setValue("online", "HN-BD", "2026", 90, "portal");
        db.setValue("total", "HN-BD", "2026", 100, "portal");
        assertEquals(90.0, db.value("online", "HN-BD", "2026"));
        assertThrows(NotFoundException.class, () -> db.value("online", "HN", "2025"));
        List<Value> vs = db.values(ValueQuery.all().unit("HN")).toList();
        assertEquals(2, vs.size());
        assertEquals(new Value("online", "HN-BD", "2026", 90.0, "portal", "secretariat"),
                vs.stream().filter(v -> v.element().equals("online")).findFirst().orElseThrow());
        KpiValue k = db.evaluate("share", "HN", "2026");
        assertEquals(OptionalDouble.of(90.0), k.value());
        assertEquals(OptionalDouble.of(90.0), k.numerator());
        assertEquals(OptionalDouble.of(100.0), k.denominator());
        assertEquals(OptionalDouble.of(10.0), db.evaluate("gap", "HN-BD", "2026").value());
        Attainment a = db.attainment("share", "HN", "2026");
        assertEquals(AttainmentStatus.MET, a.status());
        assertEquals(OptionalDouble.of(80.0), a.target());
        assertEquals(AttainmentStatus.NO_DATA, db.attainment("share", "MOJ", "2026").status());
        Indicator i = db.indicator("gap");
        assertEquals("#{total} - #{online}", i.formula());
        assertEquals(Direction.LOWER_IS_BETTER, i.direction());
        assertEquals(List.of("gap", "share"), db.indicators().stream().map(Indicator::code).sorted().toList());
        KpiValue none = db.evaluate("share", "MOJ", "2026");
        assertTrue(none.value().isEmpty());
        assertFalse(none.reason().isEmpty());
    }

    @Test
    void theCatalogueOfResolution57Loads() {
        db.loadCatalogue(Fixtures.CATALOGUE);
        Indicator i = db.indicator("full_online_procedures_share");
        assertEquals("#{procedures_fully_online}", i.numerator());
        assertTrue(db.indicators().size() > 10);
    }

    @Test
    void formulasPeriodsAndDeadlinesAreTheLibrarys() {
        Formula f = Formula.compile("#{output} / #{labour} + I{tfp}");
        assertEquals(List.of(new Formula.Reference(false, "output"), new Formula.Reference(false, "labour"),
                new Formula.Reference(true, "tfp")), f.references());
        Period r = Period.parse("2025..2027");
        assertEquals(PeriodKind.RANGE, r.kind());
        assertEquals(List.of("2025", "2026", "2027"), r.members().stream().map(Period::toString).toList());
        assertTrue(r.contains(Period.parse("2026Q2")));
        assertEquals(LocalDate.of(2025, 1, 1), r.start());
        assertEquals(LocalDate.of(2027, 12, 31), r.end());
        assertEquals("2026-03", Period.parse("2026-02").offset(1).toString());
        assertEquals(new Deadline(DeadlineKind.DAY, LocalDate.of(2025, 11, 15)), Deadline.parse("by 15 November 2025"));
        assertEquals(new Deadline.Instance(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 29)),
                Deadline.instance(DeadlineKind.MONTHLY, LocalDate.of(2024, 2, 10)));
        ParseException e = assertThrows(ParseException.class, () -> Deadline.parse("monthly provide data"));
        assertEquals("deadline 'monthly provide data': unexpected 'provide data' after 'monthly'", e.getMessage());
        assertEquals(9, e.column());
        assertThrows(ParseException.class, () -> Period.parse("2026-13"));
    }

    @Test
    void deadlinesOfTheNewKinds() {
        assertEquals(new Deadline(DeadlineKind.HALF, LocalDate.of(2026, 6, 30)), Deadline.parse("6 tháng đầu năm 2026"));
        assertEquals(new Deadline(DeadlineKind.ONGOING, null), Deadline.parse("thường xuyên, liên tục"));
        assertEquals(new Deadline(DeadlineKind.EVENT, null), Deadline.parse("together with the draft law"));
        assertEquals(new Deadline(DeadlineKind.VAGUE, null), Deadline.parse("khẩn trương"));
        assertEquals("half", DeadlineKind.HALF.label());
        assertFalse(DeadlineKind.ONGOING.isRegular());
    }

    @Test
    void halfYearlyDeadlinesAndHalfYearPeriods() {
        assertEquals(new Deadline(DeadlineKind.HALF_YEARLY, null), Deadline.parse("định kỳ 6 tháng"));
        assertEquals(new Deadline(DeadlineKind.HALF_YEARLY, null), Deadline.parse("semi-annually"));
        assertEquals("half_yearly", DeadlineKind.HALF_YEARLY.label());
        assertTrue(DeadlineKind.HALF_YEARLY.isRegular());
        assertEquals(new Deadline.Instance(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 12, 31)),
                Deadline.instance(DeadlineKind.HALF_YEARLY, LocalDate.of(2026, 11, 3)));
        Period h = Period.parse("2026h1");
        assertEquals(PeriodKind.HALF, h.kind());
        assertEquals("half", PeriodKind.HALF.label());
        assertEquals("2026H1", h.toString());
        assertEquals(LocalDate.of(2026, 1, 1), h.start());
        assertEquals(LocalDate.of(2026, 6, 30), h.end());
        assertEquals("2025H2", h.offset(-1).toString());
        assertTrue(h.contains(Period.parse("2026Q2")));
        assertFalse(h.contains(Period.parse("2026Q3")));
        ParseException e = assertThrows(ParseException.class, () -> Period.parse("2026-H1"));
        assertEquals("period '2026-H1': a half-year is written 2026H1 or 2026H2, without '-'", e.getMessage());
    }

    @Test
    void importAndExportThroughFiles() throws IOException {
        db.createTask(TaskSpec.of("57-NQ/TW", "1").ownerUnit("MOJ").deadline("by 15 November 2025"));
        Path json = tmp.resolve("all.json");
        Path nd = tmp.resolve("all.ndjson");
        db.export(ExportOptions.all(), json);
        db.export(ExportOptions.all().ndjson(true), nd);
        assertEquals(db.export(), Files.readString(json));
        assertEquals(db.export(ExportOptions.all().ndjson(true)), Files.readString(nd));
        try (Database a = Database.open(":memory:"); Database b = Database.open(":memory:")) {
            ImportReport ra = a.importJsonFile(json, ImportOptions.defaults());
            assertEquals(4, ra.units());
            assertEquals(1, ra.documents());
            assertEquals(1, ra.tasks());
            ImportReport rb = b.importNdjson(nd, ImportOptions.defaults().batchSize(2));
            assertEquals(1, rb.tasks());
            assertTrue(rb.lastLine() >= 6);
            assertEquals(a.export(), b.export());
        }
        String oneUnit = db.export(ExportOptions.all().unit("HN"));
        assertFalse(oneUnit.contains("MOJ"), oneUnit);
    }

    @Test
    void aCsvSheetCreatesItsUnits() {
        try (Database d = Database.open(":memory:")) {
            d.createUnit("VN", "Viet Nam", UnitKind.NATION, null);
            ImportReport r = d.importCsv(Fixtures.NOTICE, ImportOptions.defaults().createUnits(true).parentUnit("VN"));
            assertEquals(23, r.tasks());
            assertFalse(r.unitsCreated().isEmpty());
            assertEquals(r.unitsCreated().size(), r.units());
            assertEquals("VN", d.unit(r.unitsCreated().get(0)).parent());
        }
    }

    @Test
    void aTransactionRollsBack() {
        db.begin();
        db.createUnit("X", "x", UnitKind.OTHER, null);
        db.rollback();
        assertThrows(NotFoundException.class, () -> db.unit("X"));
        db.begin();
        db.createUnit("Y", "y", UnitKind.OTHER, null);
        db.commit();
        assertEquals("y", db.unit("Y").name());
    }

    @Test
    void theFileAndLibraryVersions() {
        assertTrue(db.schemaVersion() >= 3);
        assertEquals(System.getProperty("r57.version"), Database.libraryVersion());
        assertEquals("secretariat", db.actor());
        assertEquals(":memory:", db.path());
    }
}
