package org.r57;

/** What an export writes: all, or of one unit, document or period; JSON or NDJSON. */
public final class ExportOptions {
    String unit;
    String document;
    String period;
    boolean ndjson;

    public static ExportOptions all() {
        return new ExportOptions();
    }

    public ExportOptions unit(String code) {
        unit = code;
        return this;
    }

    public ExportOptions document(String number) {
        document = number;
        return this;
    }

    public ExportOptions period(String p) {
        period = p;
        return this;
    }

    public ExportOptions ndjson(boolean v) {
        ndjson = v;
        return this;
    }
}
