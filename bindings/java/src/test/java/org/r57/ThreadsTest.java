package org.r57;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/threading.md: separate handles on one file from separate threads; a shared handle is serialised. */
class ThreadsTest {
    @TempDir
    Path tmp;

    @Test
    void threadsEachWithTheirOwnDatabaseOnOneFile() throws Exception {
        String path = tmp.resolve("shared.r57").toString();
        try (Database d = Database.open(path, "setup")) {
            d.createUnit("VN", "Viet Nam", UnitKind.NATION, null);
            d.createElement("x", "X", null, Aggregation.SUM);
        }
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> results = new ArrayList<>();
        for (int n = 0; n < threads; n++) {
            final int id = n;
            results.add(pool.submit(() -> {
                int written = 0;
                try (Database d = Database.open(path, "thread" + id)) {
                    for (int m = 1; m <= 12; m++) {
                        d.setValue("x", "VN", String.format("2026-%02d", m), id * 100 + m, null);
                        written++;
                        assertEquals("Viet Nam", d.unit("VN").name());
                    }
                }
                return written;
            }));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS));
        for (Future<Integer> f : results) {
            assertEquals(12, f.get()); // rethrows a thread's exception
        }
        try (Database d = Database.open(path, "reader", true, true)) {
            List<Value> values = d.values(ValueQuery.all().element("x")).toList();
            assertEquals(12, values.size());
            for (Value v : values) {
                assertTrue(Set.of("thread0", "thread1", "thread2", "thread3").contains(v.reportedBy()));
                int month = Integer.parseInt(v.period().substring(5));
                assertEquals(month, (int) v.value() % 100, v.toString());
            }
        }
    }

    @Test
    void oneDatabaseSharedByThreadsIsSerialised() throws Exception {
        try (Database db = Fixtures.notice07()) {
            List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
            List<Thread> ts = new ArrayList<>();
            for (int n = 0; n < 4; n++) {
                Thread t = new Thread(() -> {
                    try {
                        for (int i = 0; i < 20; i++) {
                            try (Cursor<Task> c = db.tasks()) {
                                assertEquals(23, c.toList().size());
                            }
                            assertEquals(12, db.overdue(java.time.LocalDate.of(2025, 11, 20)).size());
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                ts.add(t);
                t.start();
            }
            for (Thread t : ts) {
                t.join();
            }
            assertEquals(List.of(), errors);
        }
    }
}
