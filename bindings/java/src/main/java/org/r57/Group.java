package org.r57;

import java.util.ArrayList;
import java.util.List;

/**
 * A unit group ("central", "local"): a named set of units outside the unit
 * tree (r57/group.h), as read: a copy that outlives the database.
 * {@code nameEn} is null when the group has no English name; {@code names}
 * holds every name (the primary one included) and {@code members} the
 * member units' codes, by code.
 */
public record Group(String code, String name, String nameEn, List<String> names, List<String> members) {
    static Group read(long g) {
        List<String> names = new ArrayList<>();
        for (long i = 0; i < capi.r57_group_name_count(g); i++) {
            names.add(capi.r57_group_name_at(g, i));
        }
        List<String> members = new ArrayList<>();
        for (long i = 0; i < capi.r57_group_member_count(g); i++) {
            members.add(capi.r57_group_member_at(g, i));
        }
        return new Group(capi.r57_group_code(g), capi.r57_group_name(g), capi.r57_group_name_en(g),
                List.copyOf(names), List.copyOf(members));
    }
}
