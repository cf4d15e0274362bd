package org.r57;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Actors and roles, progress reports, evidence and the journal
 * (docs/access.md, docs/evidence.md, docs/journal.md). The actor is the
 * connection's, so each person opens their own Database on the file.
 */
class EvidenceTest {
    static final String DOC = "07-TB/CQTTBCD";

    @TempDir
    Path tmp;

    private String file;

    /** A ward's task with a ministry as authority; a reporter in the ward, a verifier in the ministry. */
    @BeforeEach
    void setUp() {
        file = tmp.resolve("evidence.r57").toString();
        try (Database db = Database.open(file, "admin")) {
            assertTrue(db.isSetupMode());
            db.createUnit("VN", "Viet Nam", UnitKind.NATION, null);
            db.createUnit("MOJ", "Ministry of Justice", UnitKind.MINISTRY, "VN");
            db.createUnit("HN", "Hà Nội", UnitKind.PROVINCE, "VN");
            db.createUnit("HN-BD", "Ba Đình", UnitKind.COMMUNE, "HN");
            db.createDocument(DOC, DocumentKind.NOTICE, LocalDate.of(2025, 9, 1), null, null);
            db.createTask(TaskSpec.of(DOC, "T1").title("publish ward procedures online").ownerUnit("HN-BD")
                    .authorityUnit("MOJ").product("ward procedures published online").deadline("by 30 November 2025"));
            db.createActor("admin", "Administrator");
            db.createActor("rep-bd", "Reporter of Ba Đình");
            db.createActor("ver-moj", "Verifier of the Ministry of Justice");
            db.grant("rep-bd", Role.REPORTER, "HN-BD");
            db.grant("ver-moj", Role.VERIFIER, "MOJ");
            db.grant("admin", Role.ADMINISTRATOR, null); // ends setup mode
            assertFalse(db.isSetupMode());
            assertTrue(db.hasRole("rep-bd", Role.REPORTER, "HN-BD"));
            assertFalse(db.hasRole("rep-bd", Role.REPORTER, "HN"));
        }
    }

    private Database as(String actor) {
        return Database.open(file, actor);
    }

    @Test
    void aReportWithEvidenceVerifiedBySomeoneElseLetsTheTaskBeDone() {
        byte[] pdf = "%PDF-1.4 decision 12/QĐ-UBND".getBytes(StandardCharsets.UTF_8);
        long evidenceId;
        try (Database admin = as("admin")) {
            admin.grant("rep-bd", Role.VERIFIER, "MOJ"); // roles do not override separation of duties
        }
        try (Database rep = as("rep-bd")) {
            Task t = rep.task(DOC, "T1");
            Progress p = rep.reportProgress(t, 100, "all 38 procedures online", LocalDate.of(2025, 11, 20), null);
            assertEquals(new Progress(p.id(), DOC, "T1", 100, "all 38 procedures online", LocalDate.of(2025, 11, 20),
                    null, "rep-bd", p.reportedAt()), p);
            Evidence e = rep.submitEvidence(t, EvidenceSpec.file("decision 12/QĐ-UBND", pdf)
                    .mediaType("application/pdf").progress(p.id()));
            evidenceId = e.id();
            assertEquals(EvidenceKind.FILE, e.kind());
            assertEquals(Sha256.of(pdf), e.sha256());
            assertEquals(OptionalLong.of(pdf.length), e.size());
            assertEquals(OptionalLong.of(p.id()), e.progress());
            assertEquals(EvidenceStatus.SUBMITTED, e.status());
            assertEquals("rep-bd", e.submittedBy());
            assertTrue(e.product());
            PermissionDeniedException self = assertThrows(PermissionDeniedException.class,
                    () -> rep.verifyEvidence(e.id()));
            assertTrue(self.getMessage().endsWith("they submitted it themselves"), self.getMessage());
            Task moving = rep.setStatus(t, TaskStatus.IN_PROGRESS, LocalDate.of(2025, 10, 1));
            Task submitted = rep.setStatus(moving, TaskStatus.SUBMITTED, LocalDate.of(2025, 11, 20));
            StateException early = assertThrows(StateException.class,
                    () -> rep.setStatus(submitted, TaskStatus.DONE, LocalDate.of(2025, 11, 21)));
            assertTrue(early.getMessage().contains("no verified evidence of its product"), early.getMessage());
        }
        try (Database ver = as("ver-moj")) {
            ver.verifyEvidence(evidenceId);
            Evidence e = ver.evidence(evidenceId);
            assertEquals(EvidenceStatus.VERIFIED, e.status());
            assertEquals("ver-moj", e.decidedBy());
            assertThrows(StateException.class, () -> ver.rejectEvidence(evidenceId, "too late")); // final
        }
        try (Database rep = as("rep-bd")) {
            Task done = rep.setStatus(rep.task(DOC, "T1"), TaskStatus.DONE, LocalDate.of(2025, 11, 25));
            assertEquals(TaskStatus.DONE, done.status());
            assertEquals(Timeliness.DONE_ON_TIME, rep.timeliness(done, LocalDate.of(2025, 12, 1)).state());
            assertEquals(1, rep.progress(done).size());
            assertEquals(List.of(evidenceId), rep.evidence(done).stream().map(Evidence::id).toList());
            assertThrows(StateException.class, () -> rep.reportProgress(done, 100, "again", null, null));
        }
    }

    @Test
    void rejectedEvidenceKeepsItsReasonAndKindsAreChecked() {
        long id;
        try (Database rep = as("rep-bd")) {
            Task t = rep.task(DOC, "T1");
            id = rep.submitEvidence(t, EvidenceSpec.link("the ward portal", "https://badinh.hanoi.gov.vn/dvc")).id();
            Evidence minutes = rep.submitEvidence(t, EvidenceSpec.minutes("meeting of 3 November").product(false));
            assertFalse(minutes.product());
            Evidence doc = rep.submitEvidence(t, EvidenceSpec.document("decision", "12/QĐ-UBND",
                    LocalDate.of(2025, 11, 3), "People's Committee of Ba Đình"));
            assertEquals(LocalDate.of(2025, 11, 3), doc.documentDate());
            assertEquals("12/QĐ-UBND", doc.documentNumber());
            assertThrows(InvalidInputException.class, () -> rep.submitEvidence(t, EvidenceSpec.link("no uri", null)));
            assertThrows(InvalidInputException.class, () -> rep.reportProgress(t, 101, null, null, null));
            assertThrows(InvalidInputException.class, () -> rep.reportProgress(t, 50, null, null, "2025-10"));
        }
        try (Database ver = as("ver-moj")) {
            ver.rejectEvidence(id, "the page is not reachable");
            Evidence e = ver.evidence(id);
            assertEquals(EvidenceStatus.REJECTED, e.status());
            assertEquals("the page is not reachable", e.reason());
        }
    }

    @Test
    void anActorWithoutTheRightIsRefusedAndNothingChanges() {
        try (Database stranger = as("stranger")) {
            PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
                    () -> stranger.createUnit("X", "x", UnitKind.OTHER, "VN"));
            assertEquals(ErrorCode.PERM, e.error());
            assertTrue(e.getMessage().contains("'stranger'"), e.getMessage());
            assertThrows(PermissionDeniedException.class,
                    () -> stranger.reportProgress(stranger.task(DOC, "T1"), 10, null, null, null));
            assertThrows(NotFoundException.class, () -> stranger.unit("X"));
            assertEquals(List.of(), stranger.progress(stranger.task(DOC, "T1")));
        }
    }

    @Test
    void aFileIsHashedAndRechecked() throws IOException {
        Path report = Files.writeString(tmp.resolve("report.txt"), "38 procedures\n");
        long id;
        try (Database rep = as("rep-bd")) {
            Evidence e = rep.submitEvidence(rep.task(DOC, "T1"), EvidenceSpec.file("report", report));
            id = e.id();
            assertEquals(Sha256.of(report), e.sha256());
            assertTrue(rep.recheckEvidence(id, report));
            Files.writeString(report, "37 procedures\n");
            assertFalse(rep.recheckEvidence(id, report));
        }
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Sha256.of("abc".getBytes(StandardCharsets.US_ASCII))); // FIPS 180-2
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.of(new byte[0]));
    }

    @Test
    void theJournalIsChainedAndNamesWhoDidWhat() {
        try (Database rep = as("rep-bd")) {
            rep.reportProgress(rep.task(DOC, "T1"), 40, "half the procedures", null, null);
        }
        try (Database auditor = as("admin")) {
            JournalReport r = auditor.verifyJournal(null);
            assertTrue(r.isIntact(), r.message());
            assertEquals(JournalProblem.INTACT, r.problem());
            assertTrue(r.entries() > 10);
            assertTrue(r.head().matches("[0-9a-f]{64}"), r.head());
            assertTrue(auditor.verifyJournal(r.head()).isIntact());
            List<JournalEntry> task;
            try (Cursor<JournalEntry> c = auditor.journal("task", DOC + "#T1")) {
                task = c.toList();
            }
            assertEquals("create", task.get(0).action());
            assertEquals("admin", task.get(0).actor());
            assertEquals(1, task.size());
            try (Cursor<JournalEntry> all = auditor.journal()) {
                List<JournalEntry> entries = all.toList();
                assertEquals(r.entries(), entries.size());
                assertEquals(r.head(), entries.get(entries.size() - 1).hash());
                assertEquals("rep-bd", entries.get(entries.size() - 1).actor());
            }
        }
    }

    @Test
    void theLastAdministratorStays() {
        try (Database admin = as("admin")) {
            assertThrows(StateException.class, () -> admin.revoke("admin", Role.ADMINISTRATOR, null));
            admin.revoke("rep-bd", Role.REPORTER, "HN-BD");
            assertFalse(admin.hasRole("rep-bd", Role.REPORTER, "HN-BD"));
            assertEquals(Role.VERIFIER, Role.parse("verifier"));
        }
    }
}
