package org.r57;

/** How an import treats its input ({@code r57_import_options}). */
public final class ImportOptions {
    boolean ignoreUnknown;
    boolean createUnits;
    String parentUnit;
    long batchSize;
    long startLine;

    public static ImportOptions defaults() {
        return new ImportOptions();
    }

    /** Skip fields the format does not know instead of refusing them. */
    public ImportOptions ignoreUnknown(boolean v) {
        ignoreUnknown = v;
        return this;
    }

    /** CSV: create units the sheet names that do not exist yet. */
    public ImportOptions createUnits(boolean v) {
        createUnits = v;
        return this;
    }

    /** CSV: the parent of the units created. */
    public ImportOptions parentUnit(String code) {
        parentUnit = code;
        return this;
    }

    /** NDJSON: commit every n lines (0: one transaction). */
    public ImportOptions batchSize(long n) {
        batchSize = n;
        return this;
    }

    /** NDJSON: resume at this line (1-based). */
    public ImportOptions startLine(long n) {
        startLine = n;
        return this;
    }
}
