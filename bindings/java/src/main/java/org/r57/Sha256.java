package org.r57;

import java.nio.file.Path;

/** SHA-256 as libr57 computes it for evidence (GNU Nettle), as 64 hex digits. */
public final class Sha256 {
    private Sha256() {
    }

    public static String of(byte[] data) {
        String[] out = new String[1];
        capi.r57b_sha256(out, data == null ? new byte[0] : data);
        return out[0];
    }

    /** @throws StorageException if the file cannot be read */
    public static String of(Path file) {
        String[] out = new String[1];
        capi.r57b_sha256_file(out, file.toString());
        return out[0];
    }
}
