package org.r57;

/**
 * A registered unit a text names: its code, the words of the text that
 * named it (as written), its role, how it was found, and a note ("merged
 * into Bộ Tài chính on 2025-03-01", "without diacritics"; "" when none).
 */
public record Match(String unit, String text, MatchRole role, MatchHow how, String note) {
}
