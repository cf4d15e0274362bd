package org.r57;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A unit (ministry, province, commune…) as read: a copy that outlives the
 * database. {@code parent} is null for a root unit, {@code nameEn} when it
 * has no English name. {@code names} lists every name it is known by (its
 * own among them), by kind; it takes no part in {@link #equals}.
 */
public record Unit(String code, String name, UnitKind kind, String parent, String nameEn, List<UnitName> names) {
    public Unit {
        names = List.copyOf(names);
    }

    /** A unit with no other names. */
    public Unit(String code, String name, UnitKind kind, String parent) {
        this(code, name, kind, parent, null, List.of());
    }

    /** Equal code, name, kind, parent and English name (not {@code names}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Unit u && code.equals(u.code) && name.equals(u.name) && kind == u.kind
                && Objects.equals(parent, u.parent) && Objects.equals(nameEn, u.nameEn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, name, kind, parent, nameEn);
    }

    static Unit read(long u) {
        List<UnitName> names = new ArrayList<>();
        for (long i = 0, n = capi.r57_unit_name_count(u); i < n; i++) {
            String since = capi.r57_unit_name_since_at(u, i);
            names.add(new UnitName(capi.r57_unit_name_at(u, i), UnitNameKind.of(capi.r57_unit_name_kind_at(u, i)),
                    capi.r57_unit_name_of_at(u, i), since == null ? null : LocalDate.parse(since)));
        }
        return new Unit(capi.r57_unit_code(u), capi.r57_unit_name(u), UnitKind.of(capi.r57_unit_kind(u)),
                capi.r57_unit_parent(u), capi.r57_unit_name_en(u), names);
    }
}
