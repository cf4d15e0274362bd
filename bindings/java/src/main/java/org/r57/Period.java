package org.r57;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A reporting period as libr57 writes it: a year ("2026"), half-year
 * ("2026H1"), quarter ("2026Q1"), month ("2026-03") or range ("2025..2030"). Parsing,
 * arithmetic and membership are the library's (docs/formulas.md); this
 * class holds its 64-bit code and the canonical text.
 */
public final class Period implements Comparable<Period> {
    private final long code;

    private Period(long code) {
        this.code = code;
    }

    /**
     * The period written as {@code text}.
     *
     * @throws ParseException if it is not a period
     */
    public static Period parse(String text) {
        long[] out = new long[1];
        capi.r57_period_parse(out, text);
        return new Period(out[0]);
    }

    static String text(long code) {
        String[] out = new String[1];
        capi.r57b_period_text(out, code);
        return out[0];
    }

    public PeriodKind kind() {
        return PeriodKind.of(capi.r57_period_kind(code));
    }

    /** The first day. */
    public LocalDate start() {
        int[] out = new int[1];
        capi.r57_period_start(out, code);
        return Dates.of(out[0]);
    }

    /** The last day. */
    public LocalDate end() {
        int[] out = new int[1];
        capi.r57_period_end(out, code);
        return Dates.of(out[0]);
    }

    /** The periods of a range (itself for a single period). */
    public List<Period> members() {
        long n = capi.r57_period_count(code);
        List<Period> out = new ArrayList<>((int) n);
        long[] m = new long[1];
        for (long i = 0; i < n; i++) {
            capi.r57_period_member(m, code, i);
            out.add(new Period(m[0]));
        }
        return out;
    }

    /** Whether {@code inner} lies within this period. */
    public boolean contains(Period inner) {
        return capi.r57_period_contains(code, inner.code);
    }

    /** This period moved by {@code n} of its own kind (years, half-years, quarters, months). */
    public Period offset(int n) {
        long[] out = new long[1];
        capi.r57_period_offset(out, code, n);
        return new Period(out[0]);
    }

    @Override
    public String toString() {
        return text(code);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Period && ((Period) o).code == code;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(code);
    }

    @Override
    public int compareTo(Period o) {
        return Long.compare(code, o.code);
    }
}
