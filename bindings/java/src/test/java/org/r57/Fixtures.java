package org.r57;

import java.nio.file.Path;
import java.nio.file.Paths;

/** The shared data the C and Python tests use (paths set by the pom). */
final class Fixtures {
    static final Path SHARED = Paths.get(System.getProperty("r57.shared", "../../../shared/data"));
    static final Path NOTICE = SHARED.resolve("notice_07-TB-CQTTBCD_tasks.csv");
    static final Path CATALOGUE = Paths.get(System.getProperty("r57.catalogue", "../../data/catalogue.json"));
    static final String DOC = "07-TB/CQTTBCD";

    private Fixtures() {
    }

    /** As the Python fixture: VN, notice 07's tasks with units created under it, the catalogue. */
    static Database notice07() {
        Database db = Database.open(":memory:", "junit");
        db.createUnit("VN", "Viet Nam", UnitKind.NATION, null);
        db.importCsv(NOTICE, ImportOptions.defaults().createUnits(true).parentUnit("VN"));
        db.loadCatalogue(CATALOGUE);
        return db;
    }
}
