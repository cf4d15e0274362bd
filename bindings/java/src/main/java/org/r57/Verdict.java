package org.r57;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The "6 clear" verdict of a task: for each {@link ClearField} its
 * {@link Clarity} and the library's reason (for a clear "who" field what
 * its text resolved to, else empty when clear), and whether the task is
 * 6 clear (the library's verdict: {@link Clarity#IMPLIED} counts as clear).
 */
public record Verdict(String document, String ref, Map<ClearField, Clarity> clarity,
                      Map<ClearField, String> reasons, boolean clear) {
    public Verdict {
        clarity = Collections.unmodifiableMap(new EnumMap<>(clarity));
        reasons = Collections.unmodifiableMap(new EnumMap<>(reasons));
    }

    /** True when all six fields are clear (or implied by a rule in force). */
    public boolean isClear() {
        return clear;
    }

    public Clarity clarity(ClearField field) {
        return clarity.get(field);
    }

    public String reason(ClearField field) {
        return reasons.get(field);
    }

    static Verdict read(String document, String ref, long v) {
        Map<ClearField, Clarity> clarity = new EnumMap<>(ClearField.class);
        Map<ClearField, String> reasons = new EnumMap<>(ClearField.class);
        for (ClearField f : ClearField.values()) {
            clarity.put(f, Clarity.of(capi.r57_verdict_clarity(v, f.code())));
            String r = capi.r57_verdict_reason(v, f.code());
            reasons.put(f, r == null ? "" : r);
        }
        return new Verdict(document, ref, clarity, reasons, capi.r57_verdict_is_clear(v));
    }
}
