package org.r57.examples.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r57.Database;
import org.r57.Evidence;
import org.r57.EvidenceKind;
import org.r57.EvidenceStatus;
import org.r57.ImportOptions;
import org.r57.Progress;
import org.r57.Role;
import org.r57.Task;

/** Starts the portal on a loopback port and uses it as a browser would. */
class PortalTest {
    static final String DOC = "07-TB/CQTTBCD";

    @TempDir
    Path tmp;

    private Path file;
    private Portal portal;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void start() throws Exception {
        file = tmp.resolve("portal.r57");
        try (Database db = Database.open(file, "setup")) {
            // Vietnam's units from the registry built into libr57; the notice's
            // owners resolve against it.
            db.loadUnits();
            db.importCsv(Paths.get(System.getProperty("r57.notice")), ImportOptions.defaults());
            // A reporter of the unit that leads III.8; an administrator ends setup mode.
            db.createActor("rep", "Reporter of " + db.task(DOC, "III.8").ownerUnit());
            db.grant("rep", Role.REPORTER, db.task(DOC, "III.8").ownerUnit());
            db.createActor("admin", "Administrator");
            db.grant("admin", Role.ADMINISTRATOR, null);
        }
        portal = Portal.start(file, new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + portal.address().getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + portal.address().getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String... kv) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            b.append(i == 0 ? "" : "&").append(Portal.url(kv[i])).append('=').append(Portal.url(kv[i + 1]));
        }
        return b.toString();
    }

    @Test
    void aProgressReportWithEvidenceFromTheFormIsStoredAsTheActor() throws Exception {
        HttpResponse<String> r = post("/report", form("document", DOC, "ref", "III.8", "actor", "rep",
                "percent", "70", "narrative", "Dự thảo nghị định đã trình Chính phủ", "kind", "document",
                "title", "submission to the Government", "number", "215/TTr-BTP", "issued", "2025-11-10",
                "issuer", "Ministry of Justice", "product", "1"));
        assertEquals(303, r.statusCode(), r.body());
        assertEquals("/task?document=" + Portal.url(DOC) + "&ref=III.8", r.headers().firstValue("Location").get());
        try (Database db = Database.open(file, "test")) {
            Task t = db.task(DOC, "III.8");
            List<Progress> reports = db.progress(t);
            assertEquals(1, reports.size());
            Progress p = reports.get(0);
            assertEquals(70, p.percent());
            assertEquals("Dự thảo nghị định đã trình Chính phủ", p.narrative());
            assertEquals("rep", p.reportedBy());
            List<Evidence> evidence = db.evidence(t);
            assertEquals(1, evidence.size());
            Evidence e = evidence.get(0);
            assertEquals(EvidenceKind.DOCUMENT, e.kind());
            assertEquals("215/TTr-BTP", e.documentNumber());
            assertEquals(java.time.LocalDate.of(2025, 11, 10), e.documentDate());
            assertEquals(p.id(), e.progress().getAsLong());
            assertEquals(EvidenceStatus.SUBMITTED, e.status());
            assertEquals("rep", e.submittedBy());
            assertTrue(e.product());
        }
        String page = get("/task?document=" + Portal.url(DOC) + "&ref=III.8").body();
        assertTrue(page.contains("<td>70</td>"), page);
        assertTrue(page.contains("<td>submission to the Government</td><td>215/TTr-BTP</td><td>submitted</td>"), page);
    }

    @Test
    void aReportIsRefusedForAnActorWithoutTheRightAndNothingIsStored() throws Exception {
        HttpResponse<String> r = post("/report", form("document", DOC, "ref", "III.8", "actor", "intruder",
                "percent", "100", "kind", "link", "title", "a page", "uri", "https://example.org/"));
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(r.body().contains("'intruder'") && r.body().endsWith("(R57_EPERM)\n"), r.body());
        HttpResponse<String> bad = post("/report", form("document", DOC, "ref", "III.8", "actor", "rep",
                "percent", "70", "kind", "link", "title", "no address"));
        assertEquals(400, bad.statusCode(), bad.body()); // the report was rolled back with its evidence
        try (Database db = Database.open(file, "test")) {
            Task t = db.task(DOC, "III.8");
            assertEquals(List.of(), db.progress(t));
            assertEquals(List.of(), db.evidence(t));
        }
    }

    private Task task(String ref) {
        try (Database db = Database.open(file, "test")) {
            return db.task(DOC, ref);
        }
    }

    @Test
    void aUnitsTasksWithTheirSixClearVerdict() throws Exception {
        Task t = task("III.8");
        HttpResponse<String> r = get("/tasks?unit=" + Portal.url(t.ownerUnit()) + "&asOf=2025-11-20");
        assertEquals(200, r.statusCode(), r.body());
        String page = r.body();
        assertTrue(page.contains(">III.8</a>"), page);
        assertTrue(page.contains("by 15 November 2025</td><td>2025-11-15</td><td>assigned</td>"
                + "<td class=\"overdue\">overdue</td>"), page);
        assertTrue(page.contains("<li>accountability missing: nobody is named to answer for the task</li>"), page);
        assertTrue(page.contains("<li>authority vague: authority &#39;competent authorities&#39;: names a "
                + "class of bodies, not one unit (&#39;competent authorities&#39;): name one lead unit, or "
                + "assign it to each</li>"), page);
    }

    @Test
    void theUnitsAndATasksPage() throws Exception {
        assertTrue(get("/").body().contains("<a href=\"/tasks?unit=VN\">VN</a>"));
        HttpResponse<String> r = get("/task?document=" + Portal.url(DOC) + "&ref=II.2.b.2&asOf=2025-11-20");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("<li>owner vague: owner &#39;assigned ministries&#39;: names a class "
                + "of bodies, not one unit (&#39;assigned ministries&#39;): assign it to each unit of the "
                + "central level</li>"), r.body());
        assertTrue(r.body().contains("<li>deadline missing: no deadline</li>"), r.body());
    }

    @Test
    void libraryErrorsBecomeHttpStatuses() throws Exception {
        HttpResponse<String> r = get("/tasks?unit=ATLANTIS");
        assertEquals(404, r.statusCode());
        assertEquals("unknown unit code 'ATLANTIS' (R57_ENOTFOUND)\n", r.body());
        assertEquals(400, get("/tasks").statusCode());
    }

    @Test
    void aUnitsDataAsTheLibrarysJson() throws Exception {
        HttpResponse<String> r = get("/export?unit=VN");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().startsWith("{\"format\":\"libr57\""), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }
}
