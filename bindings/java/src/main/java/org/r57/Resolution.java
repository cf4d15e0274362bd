package org.r57;

import java.util.ArrayList;
import java.util.List;

/**
 * What an owner, coordinating, authority or accountability text names
 * (r57/resolve.h), as read: a copy that outlives the database.
 *
 * @param text the text as written ("" when none)
 * @param kind what it names
 * @param unit the lead unit's code for {@link ResolutionKind#UNIT} (and for
 *        a person named with the post of one unit), else null
 * @param person the person or post named, or null
 * @param each whether the text says each body acts on its own ("từng",
 *        "each within its area"): "assign to each" rather than one lead
 * @param assigned for a task's owner, how many sub-tasks
 *        {@link Database#assignEach} made (0 if none)
 * @param group for a collective, the level it names ("central", "local"), or null
 * @param reason one sentence saying what the text names and why (English)
 * @param matches the registered units the text names, in order of appearance
 */
public record Resolution(String text, ResolutionKind kind, String unit, String person, boolean each,
                         long assigned, String group, String reason, List<Match> matches) {
    public Resolution {
        matches = List.copyOf(matches);
    }

    static Resolution read(long r) {
        List<Match> matches = new ArrayList<>();
        for (long i = 0, n = capi.r57_resolution_match_count(r); i < n; i++) {
            matches.add(new Match(capi.r57_resolution_match_unit(r, i), capi.r57_resolution_match_text(r, i),
                    MatchRole.of(capi.r57_resolution_match_role(r, i)),
                    MatchHow.of(capi.r57_resolution_match_how(r, i)), capi.r57_resolution_match_note(r, i)));
        }
        return new Resolution(capi.r57_resolution_text(r), ResolutionKind.of(capi.r57_resolution_kind(r)),
                capi.r57_resolution_unit(r), capi.r57_resolution_person(r), capi.r57_resolution_each(r),
                capi.r57_resolution_assigned(r), capi.r57_resolution_group(r), capi.r57_resolution_reason(r),
                matches);
    }
}
