package org.r57;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Evidence to submit ({@code r57_evidence_spec}): one of the factories by
 * kind, then optionally the progress report it supports and whether it
 * shows the task's product (default yes). The library checks that the
 * fields fit the kind (docs/evidence.md).
 */
public final class EvidenceSpec {
    final EvidenceKind kind;
    final String title;
    String uri;
    String documentNumber;
    LocalDate documentDate;
    String documentIssuer;
    String path;
    byte[] data;
    String sha256;
    long size = -1;
    String mediaType;
    long progress;
    boolean product = true;

    private EvidenceSpec(EvidenceKind kind, String title) {
        this.kind = kind;
        this.title = title;
    }

    /** An issued document: its number, date and issuer. */
    public static EvidenceSpec document(String title, String number, LocalDate date, String issuer) {
        EvidenceSpec s = new EvidenceSpec(EvidenceKind.DOCUMENT, title);
        s.documentNumber = number;
        s.documentDate = date;
        s.documentIssuer = issuer;
        return s;
    }

    /** A system put into operation. */
    public static EvidenceSpec link(String title, String uri) {
        EvidenceSpec s = new EvidenceSpec(EvidenceKind.LINK, title);
        s.uri = uri;
        return s;
    }

    /** A published dataset. */
    public static EvidenceSpec dataset(String title, String uri) {
        EvidenceSpec s = new EvidenceSpec(EvidenceKind.DATASET, title);
        s.uri = uri;
        return s;
    }

    /** A file the library reads and hashes. */
    public static EvidenceSpec file(String title, Path path) {
        EvidenceSpec s = new EvidenceSpec(EvidenceKind.FILE, title);
        s.path = path.toString();
        return s;
    }

    /** A file's bytes (e.g. an upload), hashed by the library. */
    public static EvidenceSpec file(String title, byte[] data) {
        EvidenceSpec s = new EvidenceSpec(EvidenceKind.FILE, title);
        s.data = data.clone();
        return s;
    }

    /** A file hashed elsewhere: 64 hex digits, and its size (-1: unknown). */
    public static EvidenceSpec fileHash(String title, String sha256, long size) {
        EvidenceSpec s = new EvidenceSpec(EvidenceKind.FILE, title);
        s.sha256 = sha256;
        s.size = size;
        return s;
    }

    /** Minutes of a meeting. */
    public static EvidenceSpec minutes(String title) {
        return new EvidenceSpec(EvidenceKind.MINUTES, title);
    }

    /** Where the evidence is (optional for minutes; the path for rechecking a file). */
    public EvidenceSpec uri(String v) {
        uri = v;
        return this;
    }

    /** A file's media type, e.g. "application/pdf". */
    public EvidenceSpec mediaType(String v) {
        mediaType = v;
        return this;
    }

    /** The progress report (of the same task) this evidence supports. */
    public EvidenceSpec progress(long reportId) {
        progress = reportId;
        return this;
    }

    /** Whether it shows the task's product exists (default true) or only supports a report. */
    public EvidenceSpec product(boolean v) {
        product = v;
        return this;
    }
}
