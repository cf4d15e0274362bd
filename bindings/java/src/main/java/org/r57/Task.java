package org.r57;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A task with its "6 clear" fields as stored when it was read: a copy that
 * outlives the database (read it again to see changes). Unit codes are null
 * where the field names no unit; {@code due} is null without a dated
 * deadline, {@code doneOn} until the task is done. {@code accountabilityRule}
 * is the accountability rule in force for it (its document's, else the
 * database's; {@link Database#setAccountabilityRule}), or null.
 */
public record Task(long id, String document, String ref, String parentRef, String title,
                   String ownerUnit, String owner, String ownerPerson,
                   String accountabilityUnit, String accountability, String product,
                   String authorityUnit, String authority, String deadline, DeadlineKind deadlineKind,
                   LocalDate due, TaskStatus status, LocalDate doneOn, String coordinating,
                   List<String> coordinatingUnits, String accountabilityRule) {
    public Task {
        coordinatingUnits = List.copyOf(coordinatingUnits);
    }

    static Task read(long t) {
        long n = capi.r57_task_coordinating_units_count(t);
        List<String> units = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            units.add(capi.r57_task_coordinating_unit(t, i));
        }
        return new Task(capi.r57_task_id(t), capi.r57_task_document(t), capi.r57_task_ref(t),
                capi.r57_task_parent_ref(t), capi.r57_task_title(t), capi.r57_task_owner_unit(t),
                capi.r57_task_owner(t), capi.r57_task_owner_person(t), capi.r57_task_accountability_unit(t),
                capi.r57_task_accountability(t), capi.r57_task_product(t), capi.r57_task_authority_unit(t),
                capi.r57_task_authority(t), capi.r57_task_deadline_text(t),
                DeadlineKind.of(capi.r57_task_deadline_kind(t)), Dates.of(capi.r57_task_due(t)),
                TaskStatus.of(capi.r57_task_status(t)), Dates.of(capi.r57_task_done_on(t)),
                capi.r57_task_coordinating(t), units, capi.r57_task_accountability_rule(t));
    }
}
