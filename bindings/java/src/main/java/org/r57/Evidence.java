package org.r57;

import java.time.LocalDate;
import java.util.OptionalLong;

/**
 * An evidence record of a task (a copy; docs/evidence.md). Fields that do
 * not belong to its kind are null; {@code size} is empty unless a file's;
 * {@code progress} names the report it supports (empty: none).
 */
public record Evidence(long id, String document, String ref, EvidenceKind kind, String title, String uri,
                       String documentNumber, LocalDate documentDate, String documentIssuer, OptionalLong size,
                       String mediaType, String sha256, boolean product, OptionalLong progress,
                       EvidenceStatus status, String submittedBy, String submittedAt, String decidedBy,
                       String decidedAt, String reason) {
    static Evidence read(long e) {
        long size = capi.r57_evidence_size(e);
        long progress = capi.r57_evidence_progress(e);
        return new Evidence(capi.r57_evidence_id(e), capi.r57_evidence_document(e), capi.r57_evidence_ref(e),
                EvidenceKind.of(capi.r57_evidence_kind(e)), capi.r57_evidence_title(e), capi.r57_evidence_uri(e),
                capi.r57_evidence_document_number(e), Dates.of(capi.r57_evidence_document_date(e)),
                capi.r57_evidence_document_issuer(e), size < 0 ? OptionalLong.empty() : OptionalLong.of(size),
                capi.r57_evidence_media_type(e), capi.r57_evidence_sha256(e), capi.r57_evidence_product(e),
                progress == 0 ? OptionalLong.empty() : OptionalLong.of(progress),
                EvidenceStatus.of(capi.r57_evidence_status(e)), capi.r57_evidence_submitted_by(e),
                capi.r57_evidence_submitted_at(e), capi.r57_evidence_decided_by(e), capi.r57_evidence_decided_at(e),
                capi.r57_evidence_reason(e));
    }
}
