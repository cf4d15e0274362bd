package org.r57;

import java.time.LocalDate;

/**
 * One name a unit is known by. For a {@link UnitNameKind#PREDECESSOR}
 * name, {@code of} is the merged unit's own name when this is another of
 * its names (else null) and {@code since} the date of the merger (or null).
 */
public record UnitName(String name, UnitNameKind kind, String of, LocalDate since) {
    /** A name without a merger. */
    public UnitName(String name, UnitNameKind kind) {
        this(name, kind, null, null);
    }
}
