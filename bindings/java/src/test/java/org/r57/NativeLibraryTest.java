package org.r57;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** docs/java.md: the bundled library is extracted and loaded; a property overrides it. */
class NativeLibraryTest {
    /** Prints where the library came from (run in a child JVM). */
    public static void main(String[] args) {
        try (Database db = Database.open(":memory:")) {
            System.out.println(Database.nativeLibrarySource() + " " + Database.libraryVersion()
                    + (db.isClosed() ? " closed" : ""));
        }
    }

    @Test
    void theBundledLibraryIsExtractedAndDeleted() {
        String source = Database.nativeLibrarySource();
        assertTrue(source.contains("r57jni") && source.endsWith("libr57jni.so"), source);
        assertTrue(!Files.exists(Paths.get(source)), "the extracted copy is removed once loaded");
        assertTrue(NativeLibrary.class.getResource("/org/r57/native/" + NativeLibrary.platform()
                + "/libr57jni.so") != null);
    }

    @Test
    void theSystemPropertyNamesAnotherLibrary() throws Exception {
        String jni = System.getProperty("r57.jni");
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Dorg.r57.library=" + jni,
                "-cp", System.getProperty("java.class.path"), NativeLibraryTest.class.getName()))
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), out);
        assertEquals(jni + " " + System.getProperty("r57.version"), out);
        assertTrue(new File(jni).isFile());
    }
}
