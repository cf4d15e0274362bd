package org.r57;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Unit groups: the same numbers as tests/test_group.c and the Python tests. */
class GroupsTest {

    @Test
    void groupsShipWithTheRegistryAndAreFoundByName() {
        try (Database db = Database.open(":memory:", "junit")) {
            assertEquals(87, db.loadUnits().units());
            Group central = db.group("central");
            assertEquals("Cấp trung ương", central.name());
            assertEquals("Central level", central.nameEn());
            assertEquals(17, central.members().size());
            assertTrue(central.members().contains("MOIT"));
            assertEquals(34, db.group("local").members().size());
            assertEquals(List.of("central", "government_agencies", "local"),
                    db.groups().stream().map(Group::code).toList());
            assertEquals("local", db.groupByName("cap dia phuong").code());
            assertEquals("local", db.groupByName("các tỉnh, thành phố trực thuộc Trung ương").code());
            assertEquals(0, db.loadUnits().other()); // loading again changes nothing
            NotFoundException e = assertThrows(NotFoundException.class, () -> db.groupByName("relevant agencies"));
            assertEquals("no unit group is named 'relevant agencies'", e.getMessage());
        }
    }

    @Test
    void groupKpiAndTargetsGiveTheCTestsNumbers() {
        try (Database db = Database.open(":memory:", "junit")) {
            db.createUnit("VN", "Viet Nam", UnitKind.NATION, null);
            db.createUnit("MOIT", "Ministry of Industry and Trade", UnitKind.MINISTRY, "VN");
            db.createUnit("MOJ", "Ministry of Justice", UnitKind.MINISTRY, "VN");
            db.createGroup("central", "Central level");
            db.addGroupName("central", "trung ương", false);
            db.addGroupMember("central", "MOIT");
            db.addGroupMember("central", "MOJ");
            assertEquals(List.of("Central level", "trung ương"), db.group("central").names());
            db.createElement("online", "Fully online", "count", Aggregation.SUM);
            db.createElement("total", "Procedures", "count", Aggregation.SUM);
            db.createIndicator(IndicatorSpec.of("share", "Fully online share").ratio("#{online}", "#{total}", 100));
            db.setValue("online", "MOIT", "2025", 90, null);
            db.setValue("total", "MOIT", "2025", 100, null);
            db.setValue("online", "MOJ", "2025", 10, null);
            db.setValue("total", "MOJ", "2025", 300, null);
            // MOIT 90 of 100, MOJ 10 of 300: 100 of 400, not the mean of 90 % and 3.33 %.
            assertEquals(25.0, db.evaluate("share", "central", "2025").value().getAsDouble(), 1e-12);
            db.createTarget(TargetSpec.of("share", Comparison.GE, 95).period("2025").unitAndSubunits("MOIT"));
            assertEquals(AttainmentStatus.NOT_MET, db.attainment("share", "MOIT", "2025").status());
            Attainment a = db.attainment("share", "central", "2025");
            assertEquals(AttainmentStatus.NO_TARGET, a.status());
            assertEquals(OptionalDouble.of(25.0), a.value());
            db.createTarget(TargetSpec.of("share", Comparison.GE, 20).period("2025").group("central"));
            assertEquals(AttainmentStatus.MET, db.attainment("share", "central", "2025").status());
            assertEquals("members", TargetBinds.MEMBERS.label());
            assertThrows(NotFoundException.class,
                    () -> db.createTarget(TargetSpec.of("share", Comparison.GE, 20).group("nope")));
        }
    }
}
