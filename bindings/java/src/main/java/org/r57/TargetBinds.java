package org.r57;

/** What a target binds: only the scope its source gives (r57_target_binds_t). */
public enum TargetBinds {
    /** The unit (no unit: every unit and group). */
    UNIT,
    /** The unit and every unit below it ("and subordinate agencies"). */
    SUBUNITS,
    /** A unit group as a whole. */
    GROUP,
    /** Each member of a unit group ("provinces"). */
    MEMBERS;

    int code() {
        return ordinal();
    }

    /** "unit", "subunits", "group", "members". */
    public String label() {
        return capi.r57_target_binds_name(ordinal());
    }
}
