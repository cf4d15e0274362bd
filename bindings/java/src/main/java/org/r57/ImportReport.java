package org.r57;

import java.util.ArrayList;
import java.util.List;

/** What an import created, and the last line read (for resuming an NDJSON load). */
public record ImportReport(long units, long documents, long tasks, long values, long other, long lastLine,
                           List<String> unitsCreated) {
    public ImportReport {
        unitsCreated = List.copyOf(unitsCreated);
    }

    static ImportReport read(long r) {
        if (r == 0) {
            return new ImportReport(0, 0, 0, 0, 0, 0, List.of());
        }
        List<String> created = new ArrayList<>();
        long n = capi.r57_import_report_created_unit_count(r);
        for (long i = 0; i < n; i++) {
            created.add(capi.r57_import_report_created_unit(r, i));
        }
        return new ImportReport(capi.r57_import_report_units(r), capi.r57_import_report_documents(r),
                capi.r57_import_report_tasks(r), capi.r57_import_report_values(r), capi.r57_import_report_other(r),
                capi.r57_import_report_last_line(r), created);
    }
}
