package org.r57;

/**
 * A unit (ministry, province, commune…) as read: a copy that outlives the
 * database. {@code parent} is null for a root unit.
 */
public record Unit(String code, String name, UnitKind kind, String parent) {
    static Unit read(long u) {
        return new Unit(capi.r57_unit_code(u), capi.r57_unit_name(u), UnitKind.of(capi.r57_unit_kind(u)),
                capi.r57_unit_parent(u));
    }
}
