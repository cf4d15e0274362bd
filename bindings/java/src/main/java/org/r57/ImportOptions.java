package org.r57;

/** How an import treats its input ({@code r57_import_options}). */
public final class ImportOptions {
    boolean ignoreUnknown;
    boolean createUnits;
    boolean strictUnits;
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

    /**
     * CSV: create a unit for a lead that names one body not in the registry
     * (never for a joint or collective text); figures: units a scope names.
     */
    public ImportOptions createUnits(boolean v) {
        createUnits = v;
        return this;
    }

    /**
     * CSV task sheets: refuse a sheet whose lead, coordinating or authority
     * text names a body not in the registry ({@link NotFoundException}
     * naming the text, line and column); otherwise such text is kept as
     * written and the lint reports it.
     */
    public ImportOptions strictUnits(boolean v) {
        strictUnits = v;
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
