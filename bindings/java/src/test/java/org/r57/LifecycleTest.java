package org.r57;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Handles: try-with-resources, use after close throws, children keep parents alive, the Cleaner. */
class LifecycleTest {
    private static Database small() {
        Database d = Database.open(":memory:", "junit");
        d.createUnit("VN", "Viet Nam", UnitKind.NATION, null);
        d.createDocument("D", DocumentKind.PLAN, null, null, null);
        for (int i = 0; i < 5; i++) {
            d.createTask(TaskSpec.of("D", "T" + i).ownerUnit("VN"));
        }
        return d;
    }

    @Test
    void everyCallAfterCloseThrowsInsteadOfCrashing() {
        Database d = small();
        Task kept = d.task("D", "T1"); // a plain copy
        d.close();
        d.close(); // idempotent
        assertTrue(d.isClosed());
        assertEquals("T1", kept.ref());
        List<Executable> calls = List.of(
                () -> d.task("D", "T1"), d::tasks, d::units, () -> d.unit("VN"), d::documents,
                () -> d.createUnit("X", "x", UnitKind.OTHER, null), () -> d.lint(kept),
                () -> d.setStatus(kept, TaskStatus.DONE, null), () -> d.overdue(LocalDate.of(2025, 1, 1)),
                () -> d.timeliness(kept, LocalDate.of(2025, 1, 1)), d::values, d::indicators,
                () -> d.evaluate("x", "VN", "2026"), () -> d.attainment("x", "VN", "2026"), d::export,
                () -> d.importJson("{}"), d::begin, d::commit, d::schemaVersion,
                () -> d.setValue("x", "VN", "2026", 1, null));
        for (Executable call : calls) {
            ClosedException e = assertThrows(ClosedException.class, call);
            assertEquals("the database is closed", e.getMessage());
            assertEquals(ErrorCode.STATE, e.error());
        }
    }

    @Test
    void aCursorAbandonedHalfWayThrowsAfterItsDatabaseCloses() {
        Database d = small();
        Cursor<Task> half = d.tasks();
        assertEquals("T0", half.next().ref());
        d.close();
        ClosedException e = assertThrows(ClosedException.class, half::next);
        assertEquals("the database is closed", e.getMessage());
        half.close(); // harmless
    }

    @Test
    void aClosedCursorThrowsAndAnExhaustedOneEnds() {
        try (Database d = small()) {
            Cursor<Task> c = d.tasks();
            c.close();
            assertEquals("the cursor is closed", assertThrows(ClosedException.class, c::hasNext).getMessage());
            Cursor<Task> all = d.tasks();
            assertEquals(5, all.toList().size());
            assertFalse(all.hasNext());
            try (Cursor<Task> some = d.tasks(TaskQuery.all().document("D"))) {
                int n = 0;
                for (Task t : some) {
                    n += t.ref().startsWith("T") ? 1 : 0;
                }
                assertEquals(5, n);
            }
        }
    }

    @Test
    void closingAStreamClosesItsCursor() {
        try (Database d = small()) {
            Cursor<Task> c = d.tasks();
            try (var s = c.stream()) {
                assertEquals("T0", s.findFirst().orElseThrow().ref());
            }
            assertThrows(ClosedException.class, c::next);
        }
    }

    private static Cursor<Task> cursorOfAnUnreferencedDatabase() {
        return small().tasks(); // the Database object is referenced only by the cursor
    }

    @Test
    void aCursorKeepsItsDatabaseAlive() throws InterruptedException {
        Cursor<Task> c = cursorOfAnUnreferencedDatabase();
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertFalse(c.database().isClosed());
        assertEquals(5, c.toList().size());
        c.database().close();
    }

    @Test
    void theCleanerClosesADatabaseNobodyClosed() throws InterruptedException {
        Database d = small();
        Database.State state = d.state();
        WeakReference<Database> ref = new WeakReference<>(d);
        d = null;
        for (int i = 0; i < 100 && !state.closed(); i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(ref.get() == null && state.closed(), "the safety net closed the native handle");
    }

    @Test
    void aDatabaseMayBeUsedInTryWithResourcesWithItsCursors() {
        Consumer<Database> use = d -> {
            try (Cursor<Task> c = d.tasks()) {
                assertTrue(c.hasNext());
            }
        };
        try (Database d = small()) {
            use.accept(d);
            use.accept(d);
        }
    }

    @Test
    void aClosedLinterThrows() {
        Linter l = new Linter();
        l.close();
        l.close();
        assertThrows(ClosedException.class, () -> l.addVague(ClearField.OWNER, "someone", "names nobody"));
        try (Database d = small()) {
            Task t = d.task("D", "T0");
            assertThrows(ClosedException.class, () -> d.lint(t, l));
        }
    }
}
