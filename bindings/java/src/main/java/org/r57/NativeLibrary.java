package org.r57;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Loads the JNI library (libr57jni.so, libr57 linked in) once, before the
 * first native call, and checks that it is the libr57 version these classes
 * were generated for. Where the library comes from, first match wins:
 *
 * <ol>
 * <li>the system property {@code org.r57.library} (or the environment
 * variable {@code R57_JNI_LIBRARY}): the path of a libr57jni.so to load;</li>
 * <li>the copy inside the jar, resource
 * {@code /org/r57/native/<os.name>-<os.arch>/libr57jni.so}, extracted to a
 * private temporary folder (under {@code org.r57.tmpdir}, else
 * {@code java.io.tmpdir}) and loaded from there;</li>
 * <li>{@code System.loadLibrary("r57jni")}, i.e. {@code java.library.path}.</li>
 * </ol>
 *
 * A portal therefore needs nothing but the jar on its class path.
 */
final class NativeLibrary {
    static final String PROPERTY = "org.r57.library";
    static final String ENVIRONMENT = "R57_JNI_LIBRARY";
    static final String TMPDIR_PROPERTY = "org.r57.tmpdir";
    private static final String NAME = "libr57jni.so";

    private static boolean loaded;
    private static String source;

    private NativeLibrary() {
    }

    /** The folder of the bundled library for this JVM's platform. */
    static String platform() {
        return System.getProperty("os.name") + "-" + System.getProperty("os.arch");
    }

    /** Where the library was loaded from (a path, or "java.library.path"). */
    static synchronized String source() {
        load();
        return source;
    }

    static synchronized void load() {
        if (loaded) {
            return;
        }
        String explicit = System.getProperty(PROPERTY);
        if (explicit == null || explicit.isEmpty()) {
            explicit = System.getenv(ENVIRONMENT);
        }
        if (explicit != null && !explicit.isEmpty()) {
            System.load(Paths.get(explicit).toAbsolutePath().toString());
            source = explicit;
        } else {
            String resource = "/org/r57/native/" + platform() + "/" + NAME;
            try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
                if (in != null) {
                    Path file = extract(in);
                    System.load(file.toString());
                    source = file.toString();
                    // Once loaded the file may go (Linux keeps the mapping).
                    if (System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")) {
                        Files.deleteIfExists(file);
                        Files.deleteIfExists(file.getParent());
                    }
                } else {
                    System.loadLibrary("r57jni");
                    source = "java.library.path";
                }
            } catch (IOException e) {
                throw new UnsatisfiedLinkError("org.r57: cannot extract " + resource + ": " + e);
            }
        }
        loaded = true;
        if (!capi.r57b_check_version()) {
            throw new UnsatisfiedLinkError("org.r57: the binding was built for libr57 "
                    + capi.r57b_header_version() + " but the library is " + capi.r57_version_number());
        }
    }

    private static Path extract(InputStream in) throws IOException {
        String base = System.getProperty(TMPDIR_PROPERTY);
        Path dir = base == null || base.isEmpty()
                ? Files.createTempDirectory("r57jni")
                : Files.createTempDirectory(Files.createDirectories(Paths.get(base)), "r57jni");
        Path file = dir.resolve(NAME);
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        dir.toFile().deleteOnExit(); // runs after the file's (reverse order)
        file.toFile().deleteOnExit();
        return file;
    }
}
