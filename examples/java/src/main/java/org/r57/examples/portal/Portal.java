package org.r57.examples.portal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.r57.ClearField;
import org.r57.Cursor;
import org.r57.Database;
import org.r57.Evidence;
import org.r57.EvidenceKind;
import org.r57.EvidenceSpec;
import org.r57.ImportOptions;
import org.r57.InvalidInputException;
import org.r57.NotFoundException;
import org.r57.PermissionDeniedException;
import org.r57.Progress;
import org.r57.R57Exception;
import org.r57.StateException;
import org.r57.Task;
import org.r57.TaskQuery;
import org.r57.TaskTimeliness;
import org.r57.Unit;
import org.r57.Verdict;

/**
 * A small portal that embeds libr57: a unit's tasks with their deadlines,
 * where they stand and their "6 clear" verdict, one task's page with its
 * progress reports and evidence, a form that reports progress with evidence
 * as a given actor, and the unit's data as the library's JSON. Every request opens its own
 * {@link Database} on the file, as the person acting (docs/threading.md:
 * one handle per thread), and a library error becomes an HTTP status in one
 * place ({@link #fail}).
 *
 * <pre>
 *   GET  /                                   the units
 *   GET  /tasks?unit=MOJ[&amp;asOf=2025-11-20]   a unit's tasks (and its sub-units')
 *   GET  /task?document=…&amp;ref=…              one task
 *   GET  /export?unit=MOJ                    the unit's data (application/json)
 *   POST /report                             a progress report with evidence, from the task page's form
 * </pre>
 */
public final class Portal implements AutoCloseable {
    private final Path file;
    private final HttpServer server;
    private final ExecutorService pool;

    private Portal(Path file, InetSocketAddress address) throws IOException {
        this.file = file;
        this.server = HttpServer.create(address, 0);
        this.pool = Executors.newFixedThreadPool(4);
        server.setExecutor(pool);
        server.createContext("/", this::route);
    }

    /** Starts a portal on a database file; port 0 picks a free one. */
    public static Portal start(Path file, InetSocketAddress address) throws IOException {
        Portal p = new Portal(file, address);
        p.server.start();
        return p;
    }

    /** The address it listens on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    /** portal FILE [PORT [CSV]]: serves FILE on 127.0.0.1:PORT, loading a task sheet first if given. */
    public static void main(String[] args) throws IOException {
        Path file = Paths.get(args.length > 0 ? args[0] : "portal.r57");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8057;
        if (args.length > 2) {
            try (Database db = Database.open(file, "portal-setup")) {
                if (db.units().isEmpty()) {
                    db.loadUnits(); // Vietnam's units, built into libr57
                    db.importCsv(Paths.get(args[2]), ImportOptions.defaults());
                }
            }
        }
        Portal p = start(file, new InetSocketAddress("127.0.0.1", port));
        System.out.println("libr57 portal on http://127.0.0.1:" + p.address().getPort() + "/");
    }

    // ---- routing -----------------------------------------------------------------------------------

    private void route(HttpExchange ex) throws IOException {
        try {
            Map<String, String> q = form(ex.getRequestURI().getRawQuery());
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (method.equals("GET") && path.equals("/")) {
                send(ex, 200, "text/html", units());
            } else if (method.equals("GET") && path.equals("/tasks")) {
                send(ex, 200, "text/html", tasks(need(q, "unit"), asOf(q)));
            } else if (method.equals("GET") && path.equals("/task")) {
                send(ex, 200, "text/html", task(need(q, "document"), need(q, "ref"), asOf(q)));
            } else if (method.equals("GET") && path.equals("/export")) {
                try (Database db = Database.open(file, "portal")) {
                    send(ex, 200, "application/json", db.export(org.r57.ExportOptions.all().unit(need(q, "unit"))));
                }
            } else if (method.equals("POST") && path.equals("/report")) {
                Map<String, String> f = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                String where = report(f);
                ex.getResponseHeaders().set("Location", where);
                send(ex, 303, "text/plain", "reported\n");
            } else {
                send(ex, 404, "text/plain", "no page " + path + "\n");
            }
        } catch (R57Exception e) {
            fail(ex, e);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            send(ex, 400, "text/plain", e.getMessage() + "\n");
        } catch (RuntimeException e) {
            send(ex, 500, "text/plain", e + "\n");
        } finally {
            ex.close();
        }
    }

    /** A library error as an HTTP status; its message says which input was wrong. */
    private static void fail(HttpExchange ex, R57Exception e) throws IOException {
        int status = e instanceof NotFoundException ? 404
                : e instanceof PermissionDeniedException ? 403
                : e instanceof StateException ? 409
                : e instanceof InvalidInputException ? 400 : 500;
        send(ex, status, "text/plain", e.getMessage() + " (" + e.errorName() + ")\n");
    }

    // ---- pages ---------------------------------------------------------------------------------------

    private String units() {
        StringBuilder h = head("Units");
        h.append("<table><tr><th>code</th><th>name</th><th>kind</th><th>parent</th></tr>\n");
        try (Database db = Database.open(file, "portal")) {
            for (Unit u : db.units()) {
                h.append("<tr><td><a href=\"/tasks?unit=").append(url(u.code())).append("\">").append(esc(u.code()))
                        .append("</a></td><td>").append(esc(u.name())).append("</td><td>").append(u.kind())
                        .append("</td><td>").append(esc(u.parent())).append("</td></tr>\n");
            }
        }
        return h.append("</table></body></html>\n").toString();
    }

    private String tasks(String unit, LocalDate asOf) {
        try (Database db = Database.open(file, "portal")) {
            Unit u = db.unit(unit);
            StringBuilder h = head("Tasks of " + u.name() + " (" + u.code() + ") as of " + asOf);
            h.append("<table><tr><th>document</th><th>ref</th><th>task</th><th>deadline</th><th>due</th>"
                    + "<th>status</th><th>as of ").append(asOf).append("</th><th>6 clear</th></tr>\n");
            try (Cursor<Task> c = db.tasks(TaskQuery.all().unit(unit))) {
                for (Task t : c) {
                    TaskTimeliness tl = db.timeliness(t, asOf);
                    Verdict v = db.lint(t);
                    h.append("<tr class=\"task\"><td>").append(esc(t.document())).append("</td><td><a href=\"")
                            .append(taskUrl(t)).append("\">").append(esc(t.ref())).append("</a></td><td>")
                            .append(esc(t.title())).append("</td><td>").append(esc(t.deadline())).append("</td><td>")
                            .append(t.due() == null ? "-" : t.due()).append("</td><td>").append(t.status())
                            .append("</td><td class=\"").append(tl.state()).append("\">").append(tl.state())
                            .append("</td><td>").append(verdict(v)).append("</td></tr>\n");
                }
            }
            return h.append("</table></body></html>\n").toString();
        }
    }

    private String task(String document, String ref, LocalDate asOf) {
        try (Database db = Database.open(file, "portal")) {
            Task t = db.task(document, ref);
            Verdict v = db.lint(t);
            StringBuilder h = head(t.document() + " " + t.ref());
            h.append("<p>").append(esc(t.title())).append("</p>\n<table>\n");
            row(h, "owner", t.owner() + " [" + nz(t.ownerUnit()) + "]");
            row(h, "accountability", t.accountability() + " [" + nz(t.accountabilityUnit()) + "]");
            row(h, "product", t.product());
            row(h, "authority", t.authority() + " [" + nz(t.authorityUnit()) + "]");
            row(h, "deadline", t.deadline() + " → " + (t.due() == null ? "-" : t.due()));
            row(h, "status", t.status() + ", " + db.timeliness(t, asOf).state() + " as of " + asOf);
            h.append("</table>\n<h2>6 clear</h2>\n<p class=\"verdict\">").append(verdict(v)).append("</p>\n");
            reportSection(h, db, t);
            return h.append("</body></html>\n").toString();
        }
    }

    /** The task's progress reports and evidence, and the form to report more. */
    private void reportSection(StringBuilder h, Database db, Task t) {
        h.append("<h2>Progress reports</h2>\n<table><tr><th>id</th><th>date</th><th>%</th><th>period</th>"
                + "<th>narrative</th><th>by</th></tr>\n");
        for (Progress p : db.progress(t)) {
            h.append("<tr class=\"progress\"><td>").append(p.id()).append("</td><td>").append(p.date())
                    .append("</td><td>").append(p.percent()).append("</td><td>").append(esc(p.period()))
                    .append("</td><td>").append(esc(p.narrative())).append("</td><td>").append(esc(p.reportedBy()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Evidence</h2>\n<table><tr><th>id</th><th>kind</th><th>title</th><th>where</th>"
                + "<th>status</th><th>by</th></tr>\n");
        for (Evidence e : db.evidence(t)) {
            h.append("<tr class=\"evidence\"><td>").append(e.id()).append("</td><td>").append(e.kind())
                    .append("</td><td>").append(esc(e.title())).append("</td><td>")
                    .append(esc(e.uri() != null ? e.uri() : e.documentNumber())).append("</td><td>")
                    .append(e.status()).append("</td><td>").append(esc(e.submittedBy())).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Report progress</h2>\n<form method=\"post\" action=\"/report\">\n")
                .append("<input type=\"hidden\" name=\"document\" value=\"").append(esc(t.document())).append("\">\n")
                .append("<input type=\"hidden\" name=\"ref\" value=\"").append(esc(t.ref())).append("\">\n")
                .append("<label>as actor <input name=\"actor\" required></label>\n")
                .append("<label>percent <input name=\"percent\" type=\"number\" min=\"0\" max=\"100\" required>"
                        + "</label>\n")
                .append("<label>period (regular tasks) <input name=\"period\"></label>\n")
                .append("<label>narrative <textarea name=\"narrative\"></textarea></label>\n")
                .append("<fieldset><legend>evidence</legend>\n<select name=\"kind\"><option value=\"\">none</option>");
        for (EvidenceKind k : EvidenceKind.values()) {
            if (k != EvidenceKind.FILE) {
                h.append("<option>").append(k).append("</option>");
            }
        }
        h.append("</select>\n<label>title <input name=\"title\"></label>\n")
                .append("<label>link <input name=\"uri\"></label>\n")
                .append("<label>document number <input name=\"number\"></label>\n")
                .append("<label>issued <input name=\"issued\" type=\"date\"></label>\n")
                .append("<label>issuer <input name=\"issuer\"></label>\n")
                .append("<label><input type=\"checkbox\" name=\"product\" value=\"1\" checked> shows the product"
                        + "</label>\n</fieldset>\n<button>Report</button>\n</form>\n");
    }

    /**
     * Records a progress report from the form as the actor it names, with
     * evidence if a kind is chosen; returns the task's page. Who the actor
     * is, the host system authenticates (docs/access.md): a real portal
     * takes it from the signed-in session, not from a form field.
     */
    private String report(Map<String, String> f) {
        String actor = need(f, "actor");
        try (Database db = Database.open(file, actor)) {
            Task t = db.task(need(f, "document"), need(f, "ref"));
            int percent;
            try {
                percent = Integer.parseInt(need(f, "percent").trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("percent '" + f.get("percent") + "' is not a number");
            }
            db.begin(); // the report and its evidence together, or neither
            try {
                Progress p = db.reportProgress(t, percent, blank(f.get("narrative")), null, blank(f.get("period")));
                String kind = blank(f.get("kind"));
                if (kind != null) {
                    db.submitEvidence(t, evidence(EvidenceKind.parse(kind), f).progress(p.id())
                            .product(f.containsKey("product")));
                }
                db.commit();
            } catch (RuntimeException e) {
                db.rollback();
                throw e;
            }
            return "/task?document=" + url(t.document()) + "&ref=" + url(t.ref());
        }
    }

    private static EvidenceSpec evidence(EvidenceKind kind, Map<String, String> f) {
        String title = need(f, "title");
        String issued = blank(f.get("issued"));
        return switch (kind) {
            case DOCUMENT -> EvidenceSpec.document(title, blank(f.get("number")),
                    issued == null ? null : LocalDate.parse(issued), blank(f.get("issuer")));
            case LINK -> EvidenceSpec.link(title, blank(f.get("uri")));
            case DATASET -> EvidenceSpec.dataset(title, blank(f.get("uri")));
            case MINUTES -> EvidenceSpec.minutes(title).uri(blank(f.get("uri")));
            case FILE -> throw new IllegalArgumentException("files are uploaded elsewhere in this example");
        };
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static String verdict(Verdict v) {
        if (v.isClear()) {
            return "<span class=\"clear\">clear</span>";
        }
        StringBuilder s = new StringBuilder("<span class=\"unclear\">NOT 6 clear</span><ul>");
        for (ClearField f : ClearField.values()) {
            if (!v.reason(f).isEmpty()) {
                s.append("<li>").append(f).append(" ").append(v.clarity(f)).append(": ").append(esc(v.reason(f)))
                        .append("</li>");
            }
        }
        return s.append("</ul>").toString();
    }

    private static StringBuilder head(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title></head><body>\n<h1>").append(esc(title)).append("</h1>\n");
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(k).append("</th><td>").append(esc(v)).append("</td></tr>\n");
    }

    static String taskUrl(Task t) {
        return "/task?document=" + url(t.document()) + "&amp;ref=" + url(t.ref());
    }

    private static LocalDate asOf(Map<String, String> q) {
        String s = q.get("asOf");
        return s == null || s.isEmpty() ? LocalDate.now() : LocalDate.parse(s);
    }

    private static String need(Map<String, String> q, String key) {
        String v = q.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing parameter '" + key + "'");
        }
        return v;
    }

    static Map<String, String> form(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return m;
    }

    static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

}
