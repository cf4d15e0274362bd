package org.r57;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which tasks {@link Database#tasks(TaskQuery)} visits: of one document, of
 * a unit (and by default its sub-units), with given statuses. Empty: all.
 */
public final class TaskQuery {
    String document;
    String unit;
    boolean includeSubunits = true;
    final Set<TaskStatus> statuses = EnumSet.noneOf(TaskStatus.class);

    public static TaskQuery all() {
        return new TaskQuery();
    }

    public TaskQuery document(String number) {
        document = number;
        return this;
    }

    public TaskQuery unit(String code) {
        unit = code;
        return this;
    }

    public TaskQuery includeSubunits(boolean v) {
        includeSubunits = v;
        return this;
    }

    public TaskQuery status(TaskStatus... s) {
        statuses.addAll(Set.of(s));
        return this;
    }

    long mask() {
        long m = 0;
        for (TaskStatus s : statuses) {
            m |= 1L << s.code();
        }
        return m;
    }
}
