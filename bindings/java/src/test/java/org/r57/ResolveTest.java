package org.r57;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who-texts read against the registry of units (r57/resolve.h), one
 * behaviour per test, with the verdicts tests/test_lint.c, tests/test_cli.py
 * and bindings/python/tests/test_resolve.py expect on notice 07: the
 * built-in registry, then the notice imported without creating units.
 */
class ResolveTest {
    @TempDir
    Path tmp;

    private Database db;

    @BeforeEach
    void open() {
        db = Database.open(":memory:", "junit");
        db.loadUnits();
        db.importCsv(Fixtures.NOTICE, ImportOptions.defaults());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Verdict lint(String ref) {
        return db.lint(db.task(Fixtures.DOC, ref));
    }

    @Test
    void theRegistryLoads76UnitsAndLoadingAgainChangesNothing() {
        try (Database d = Database.open(":memory:", "junit")) {
            ImportReport rep = d.loadUnits();
            assertEquals(87, rep.units());
            assertEquals(List.of("VN", "MND", "MPS"), rep.unitsCreated().subList(0, 3));
            ImportReport again = d.loadUnits();
            assertEquals(0, again.units());
            assertEquals(0, again.other());
            assertEquals(87, d.units().size());
        }
    }

    @Test
    void aUnitCarriesItsEnglishNameAliasesAndPredecessors() {
        Unit mof = db.unit("MOF");
        assertEquals("Ministry of Finance", mof.nameEn());
        assertEquals(UnitKind.MINISTRY, mof.kind());
        assertEquals(List.of(new UnitName("Bộ Tài chính", UnitNameKind.NAME),
                new UnitName("Ministry of Finance", UnitNameKind.ENGLISH), new UnitName("BTC", UnitNameKind.ALIAS)),
                mof.names().subList(0, 3));
        assertTrue(mof.names().contains(new UnitName("MPI", UnitNameKind.PREDECESSOR, "Bộ Kế hoạch và Đầu tư",
                LocalDate.of(2025, 3, 1))), mof.names().toString());
        assertEquals(UnitKind.GOVERNMENT, db.unit("GOV").kind());
        assertEquals(UnitKind.UNIVERSITY, db.unit("VNU-HN").kind());
        assertEquals("mass_organisation", UnitKind.MASS_ORGANISATION.label());
    }

    @Test
    void aNameAddedFindsTheUnit() {
        db.addUnitName("MOJ", "Tư pháp", UnitNameKind.ALIAS, null, null);
        assertEquals("MOJ", db.unitByName("tư pháp").code());
        assertEquals(UnitNameKind.ALIAS, UnitNameKind.parse("alias"));
        assertThrows(NotFoundException.class, () -> db.addUnitName("NOWHERE", "x", UnitNameKind.ALIAS, null, null));
    }

    @Test
    void notice07ImportedWithoutCreateUnitsHas23TasksNoneFullyClear() {
        try (Database d = Database.open(":memory:", "junit")) {
            d.loadUnits();
            ImportReport rep = d.importCsv(Fixtures.NOTICE, ImportOptions.defaults());
            assertEquals(23, rep.tasks());
            assertEquals(List.of(), rep.unitsCreated());
            try (Cursor<Task> all = d.tasks()) {
                List<Verdict> verdicts = all.stream().map(d::lint).toList();
                assertEquals(23, verdicts.size());
                assertEquals(0, verdicts.stream().filter(Verdict::isClear).count());
            }
        }
    }

    @Test
    void ownerOfII2b2IsVagueAndOfIII8ClearWithMoj() {
        Verdict v = lint("II.2.b.2");
        assertEquals(Clarity.VAGUE, v.clarity(ClearField.OWNER));
        assertEquals("owner 'assigned ministries': names a class of bodies, not one unit ('assigned ministries'): "
                + "assign it to each unit of the central level", v.reason(ClearField.OWNER));
        Task t = db.task(Fixtures.DOC, "III.8");
        assertEquals(Clarity.CLEAR, db.lint(t).clarity(ClearField.OWNER));
        assertEquals("MOJ", t.ownerUnit());
        assertEquals(List.of("GO", "MOHA"), t.coordinatingUnits());
        Resolution r = db.resolution(t, TaskField.OWNER);
        assertEquals(ResolutionKind.UNIT, r.kind());
        assertEquals("MOJ", r.unit());
        assertEquals(List.of(new Match("MOJ", "Ministry of Justice", MatchRole.LEAD, MatchHow.ENGLISH, "")),
                r.matches());
    }

    @Test
    void authoritiesAreVagueExactlyForThreeTasks() {
        try (Cursor<Task> all = db.tasks()) {
            Set<String> vague = all.stream().filter(t -> db.lint(t).clarity(ClearField.AUTHORITY) == Clarity.VAGUE)
                    .map(Task::ref).collect(Collectors.toSet());
            assertEquals(Set.of("II.2.b.2", "III.8", "App.3.g"), vague);
        }
    }

    @Test
    void theAccountabilityRuleMakesAnUnwrittenAccountabilityImplied() {
        assertEquals(Clarity.MISSING, lint("III.8").clarity(ClearField.ACCOUNTABILITY));
        assertNull(db.task(Fixtures.DOC, "III.8").accountabilityRule());
        db.setAccountabilityRule("the head of the lead unit answers", null);
        Task t = db.task(Fixtures.DOC, "III.8");
        assertEquals("the head of the lead unit answers", t.accountabilityRule());
        Verdict v = db.lint(t);
        assertEquals(Clarity.IMPLIED, v.clarity(ClearField.ACCOUNTABILITY));
        assertEquals("implied", v.clarity(ClearField.ACCOUNTABILITY).label());
        assertEquals("not written; implied by the rule 'the head of the lead unit answers': the head of MOJ answers",
                v.reason(ClearField.ACCOUNTABILITY));
        db.setAccountabilityRule(null, null);
        assertEquals(Clarity.MISSING, lint("III.8").clarity(ClearField.ACCOUNTABILITY));
    }

    @Test
    void impliedCountsAsClearForTheTask() {
        db.createDocument("D", DocumentKind.PLAN, null, null, null);
        Task t = db.createTask(TaskSpec.of("D", "1").title("Draft the decree").owner("Bộ Tư pháp")
                .product("a draft decree").deadline("by 15 November 2025").authority("Thủ tướng Chính phủ"));
        assertFalse(db.lint(t).isClear());
        db.setAccountabilityRule("the head of the lead unit answers", "D");
        Verdict v = db.lint(t);
        assertEquals(Clarity.IMPLIED, v.clarity(ClearField.ACCOUNTABILITY));
        assertTrue(v.isClear());
        assertThrows(NotFoundException.class, () -> db.setAccountabilityRule("x", "NOPE"));
    }

    @Test
    void resolveOneLeadAndACoordinatingUnit() {
        Resolution r = db.resolve("Bộ Công an chủ trì, phối hợp với Bộ Tư pháp");
        assertEquals(ResolutionKind.UNIT, r.kind());
        assertEquals("MPS", r.unit());
        assertNull(r.person());
        assertFalse(r.each());
        assertEquals(0, r.assigned());
        assertEquals("MPS (Bộ Công an); coordinating: MOJ", r.reason());
        assertEquals(List.of(new Match("MPS", "Bộ Công an", MatchRole.LEAD, MatchHow.NAME, ""),
                new Match("MOJ", "Bộ Tư pháp", MatchRole.COORDINATING, MatchHow.NAME, "")), r.matches());
    }

    @Test
    void resolveAClassOfBodiesIsCollective() {
        Resolution r = db.resolve("các bộ, ngành, địa phương");
        assertEquals(ResolutionKind.COLLECTIVE, r.kind());
        assertEquals("collective", r.kind().label());
        assertNull(r.unit());
        assertEquals(List.of(), r.matches());
    }

    @Test
    void resolveTwoBodiesJoinedByAndIsJoint() {
        Resolution r = db.resolve("Bộ Tài chính và Ngân hàng Nhà nước");
        assertEquals(ResolutionKind.JOINT, r.kind());
        assertEquals(List.of("MOF", "SBV"), r.matches().stream().map(Match::unit).toList());
        assertEquals(List.of(MatchRole.LEAD, MatchRole.LEAD), r.matches().stream().map(Match::role).toList());
    }

    @Test
    void resolveAListMakesEveryBodyCoordinating() {
        Resolution r = db.resolve("Bộ Tài chính, Bộ Tư pháp", true, null);
        assertEquals(List.of(MatchRole.COORDINATING, MatchRole.COORDINATING),
                r.matches().stream().map(Match::role).toList());
    }

    @Test
    void anOldNameIsNotedAgainstTheDocumentsDate() {
        Resolution r = db.resolve("Bộ Kế hoạch và Đầu tư", false, LocalDate.of(2024, 1, 1));
        assertEquals("MOF", r.unit());
        assertEquals(MatchHow.PREDECESSOR, r.matches().get(0).how());
        assertEquals("'Bộ Kế hoạch và Đầu tư' was merged into Bộ Tài chính (MOF) on 2025-03-01, after this document "
                + "was issued", r.matches().get(0).note());
    }

    @Test
    void nfdTextReadsAsNfc() {
        String nfc = "Bộ Công an chủ trì, phối hợp với Bộ Tư pháp";
        String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
        assertNotEquals(nfc, nfd);
        Resolution a = db.resolve(nfc);
        Resolution b = db.resolve(nfd);
        assertEquals(nfd, b.text());
        assertEquals(ResolutionKind.UNIT, b.kind());
        assertEquals("MPS", b.unit());
        assertEquals(a.reason(), b.reason());
        assertEquals(a.matches().stream().map(m -> m.unit() + " " + m.role() + " " + m.how()).toList(),
                b.matches().stream().map(m -> m.unit() + " " + m.role() + " " + m.how()).toList());
    }

    @Test
    void resolveTasksAfterLoadingTheRegistry() {
        try (Database d = Database.open(":memory:", "junit")) {
            d.importCsv(Fixtures.NOTICE, ImportOptions.defaults());
            Task t = d.task(Fixtures.DOC, "III.8");
            assertNull(t.ownerUnit());
            assertEquals(ResolutionKind.UNKNOWN, d.resolution(t, TaskField.OWNER).kind());
            d.loadUnits();
            assertEquals(20, d.resolveTasks(Fixtures.DOC));
            assertEquals("MOJ", d.task(Fixtures.DOC, "III.8").ownerUnit());
            assertEquals(0, d.resolveTasks());
            NotFoundException e = assertThrows(NotFoundException.class, () -> d.resolveTasks("NOPE"));
            assertEquals("unknown document 'NOPE'", e.getMessage());
        }
    }

    @Test
    void assignEachOfALevelMakes34SubTasksAndTheOwnerClear() {
        Task t = db.task(Fixtures.DOC, "App.3.d.1");
        assertEquals(Clarity.VAGUE, db.lint(t).clarity(ClearField.OWNER));
        assertEquals(34, db.assignEach(t));
        assertEquals(Clarity.CLEAR, lint("App.3.d.1").clarity(ClearField.OWNER));
        Resolution r = db.resolution(t, TaskField.OWNER);
        assertEquals("local", r.group());
        assertEquals(34, r.assigned());
        try (Cursor<Task> all = db.tasks(TaskQuery.all().document(Fixtures.DOC))) {
            List<Task> subs = all.stream().filter(s -> "App.3.d.1".equals(s.parentRef())).toList();
            assertEquals(34, subs.size());
            assertEquals("App.3.d.1/AN-GIANG", subs.get(0).ref());
            assertEquals("AN-GIANG", subs.get(0).ownerUnit());
        }
        assertThrows(AlreadyExistsException.class, () -> db.assignEach(t));
    }

    @Test
    void assignEachIsRefusedForOneLeadUnit() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> db.assignEach(db.task(Fixtures.DOC, "III.8")));
        assertTrue(e.getMessage().contains("has one lead unit (MOJ)"), e.getMessage());
    }

    @Test
    void aResolutionIsOnlyOfWhoFields() {
        Task t = db.task(Fixtures.DOC, "III.8");
        assertEquals(ResolutionKind.COLLECTIVE, db.resolution(t, TaskField.AUTHORITY).kind());
        assertThrows(InvalidInputException.class, () -> db.resolution(t, TaskField.TITLE));
    }

    @Test
    void aStrictImportRefusesABodyNotInTheRegistry() throws IOException {
        Path sheet = Files.writeString(tmp.resolve("strict.csv"),
                "ref,document,issued,title,lead\nX.1,99-TB/TEST,2025-11-01,Do it,Bộ Ngoại thương\n");
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> db.importCsv(sheet, ImportOptions.defaults().strictUnits(true)));
        assertEquals(2, e.line());
        assertEquals(33, e.column());
        assertTrue(e.getMessage().contains(
                "line 2, column 33: lead 'Bộ Ngoại thương': 'Bộ Ngoại thương' is not in the registry"), e.getMessage());
        assertEquals(1, db.documents().size()); // notice 07 only
        assertEquals(1, db.importCsv(sheet, ImportOptions.defaults()).tasks()); // kept as written
    }

    @Test
    void loadWordsAddsToOrReplacesTheBuiltInWords() throws IOException {
        Path words = Files.writeString(tmp.resolve("words.tsv"), "# a post\nrole\ten\trapporteur\n");
        assertEquals(ResolutionKind.UNKNOWN, db.resolve("the Rapporteur").kind());
        db.loadWords(words, false);
        assertEquals(ResolutionKind.SEVERAL, db.resolve("the Rapporteur").kind());
        assertEquals(ResolutionKind.COLLECTIVE, db.resolve("các bộ, ngành").kind());
        db.loadWords(words, true);
        assertEquals(ResolutionKind.VAGUE, db.resolve("các bộ, ngành").kind());
    }

    @Test
    void aBadWordsLineIsAParseErrorWithItsLine() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.tsv"), "class\ten\n");
        ParseException e = assertThrows(ParseException.class, () -> db.loadWords(bad, false));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().endsWith("line 1: expected category<TAB>lang<TAB>phrase"), e.getMessage());
    }

    /** The same table the C, CLI and Python tests read (tests/data/notice07-verdicts.txt). */
    @Test
    void everyVerdictOfNotice07AsTheSharedTable() throws IOException {
        Path table = java.nio.file.Paths.get(System.getProperty("r57.source", "../..")).resolve("tests/data/notice07-verdicts.txt");
        java.util.Map<String, List<String>> want = new java.util.TreeMap<>();
        for (String line : java.nio.file.Files.readAllLines(table)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(" ");
            want.put(parts[0], List.of(parts).subList(1, parts.length));
        }
        ClearField[] fields = { ClearField.OWNER, ClearField.TASK, ClearField.DEADLINE,
            ClearField.ACCOUNTABILITY, ClearField.PRODUCT, ClearField.AUTHORITY };
        java.util.Map<String, List<String>> got = new java.util.TreeMap<>();
        try (Cursor<Task> all = db.tasks()) {
            all.forEach(t -> {
                Verdict v = db.lint(t);
                got.put(t.ref(), java.util.Arrays.stream(fields).map(f -> v.clarity().get(f).label()).toList());
            });
        }
        assertEquals(want, got);
    }
}
