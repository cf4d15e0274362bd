package org.r57;

import java.time.LocalDate;

/** What {@link Database#writeReport} publishes ({@code r57_report_options}). */
public final class ReportOptions {
    LocalDate asOf;
    String period;
    String title;
    int dueSoonDays = 7;
    boolean includeRejected;

    public static ReportOptions defaults() {
        return new ReportOptions();
    }

    /** The date judged (default: today). */
    public ReportOptions asOf(LocalDate d) {
        asOf = d;
        return this;
    }

    /** The period of the scorecards and indicators, e.g. "2025". */
    public ReportOptions period(String p) {
        period = p;
        return this;
    }

    public ReportOptions title(String t) {
        title = t;
        return this;
    }

    public ReportOptions dueSoonDays(int n) {
        dueSoonDays = n;
        return this;
    }

    /** List rejected evidence too. */
    public ReportOptions includeRejected(boolean v) {
        includeRejected = v;
        return this;
    }
}
