package org.r57;

import java.time.LocalDate;

/** An issuing document as read (a copy). {@code issued} may be null. */
public record Document(String number, DocumentKind kind, LocalDate issued, String issuer, String title) {
    static Document read(long d) {
        return new Document(capi.r57_document_number(d), DocumentKind.of(capi.r57_document_kind(d)),
                Dates.of(capi.r57_document_issued(d)), capi.r57_document_issuer(d), capi.r57_document_title(d));
    }
}
