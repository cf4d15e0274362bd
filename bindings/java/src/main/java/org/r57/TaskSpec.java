package org.r57;

import java.util.ArrayList;
import java.util.List;

/**
 * What a new task says ({@code r57_task_spec}): the document and reference,
 * then any of the "6 clear" fields as written and the unit codes they name.
 * Unset fields are null. {@code TaskSpec.of("07-TB/CQTTBCD", "III.8")
 * .ownerUnit("MOJ").deadline("by 15 November 2025")}.
 */
public final class TaskSpec {
    final String document;
    final String ref;
    String parentRef;
    String title;
    String ownerUnit;
    String owner;
    String ownerPerson;
    String accountabilityUnit;
    String accountability;
    String product;
    String authorityUnit;
    String authority;
    String deadline;
    String coordinating;
    final List<String> coordinatingUnits = new ArrayList<>();

    private TaskSpec(String document, String ref) {
        this.document = document;
        this.ref = ref;
    }

    public static TaskSpec of(String document, String ref) {
        return new TaskSpec(document, ref);
    }

    public TaskSpec parentRef(String v) {
        parentRef = v;
        return this;
    }

    public TaskSpec title(String v) {
        title = v;
        return this;
    }

    public TaskSpec ownerUnit(String v) {
        ownerUnit = v;
        return this;
    }

    public TaskSpec owner(String v) {
        owner = v;
        return this;
    }

    public TaskSpec ownerPerson(String v) {
        ownerPerson = v;
        return this;
    }

    public TaskSpec accountabilityUnit(String v) {
        accountabilityUnit = v;
        return this;
    }

    public TaskSpec accountability(String v) {
        accountability = v;
        return this;
    }

    public TaskSpec product(String v) {
        product = v;
        return this;
    }

    public TaskSpec authorityUnit(String v) {
        authorityUnit = v;
        return this;
    }

    public TaskSpec authority(String v) {
        authority = v;
        return this;
    }

    /** The deadline as written; the library parses it (docs/deadlines.md). */
    public TaskSpec deadline(String v) {
        deadline = v;
        return this;
    }

    /** The coordinating units as written. */
    public TaskSpec coordinating(String v) {
        coordinating = v;
        return this;
    }

    /** Codes of coordinating units, in order. */
    public TaskSpec coordinatingUnits(String... codes) {
        coordinatingUnits.clear();
        coordinatingUnits.addAll(List.of(codes));
        return this;
    }
}
