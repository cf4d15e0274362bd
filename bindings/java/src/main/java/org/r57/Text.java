package org.r57;

import java.nio.charset.StandardCharsets;

/**
 * Strings across JNI as UTF-8 bytes. JNI's own string functions speak
 * "modified UTF-8", which encodes NUL and characters outside the BMP
 * differently from the UTF-8 libr57 stores, so the raw layer passes
 * {@code byte[]} and this class converts.
 */
final class Text {
    private Text() {
    }

    /** NUL-terminated UTF-8, or null for null; a NUL inside is refused. */
    static byte[] encode(String s) {
        if (s == null) {
            return null;
        }
        if (s.indexOf('\0') >= 0) {
            throw new InvalidInputException(ErrorCode.INVAL.code(),
                    "text contains a NUL character: " + s.replace('\0', '?'));
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, out, 0, utf8.length);
        return out;
    }

    static String decode(byte[] utf8) {
        return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
    }
}
