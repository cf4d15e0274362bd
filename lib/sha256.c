/* SHA-256, by GNU Nettle (a well-kept library; no hand-written hash). */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

void r57__sha256_init(r57__sha256 *h) { sha256_init(&h->ctx); }

void r57__sha256_update(r57__sha256 *h, const void *data, size_t size)
{
    sha256_update(&h->ctx, size, data);
}

void r57__sha256_hex(r57__sha256 *h, char out[R57_SHA256_HEX_SIZE])
{
    static const char digits[] = "0123456789abcdef";
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(&h->ctx, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++) {
        out[2 * i] = digits[d[i] >> 4];
        out[2 * i + 1] = digits[d[i] & 15];
    }
    out[2 * sizeof d] = '\0';
}

int r57__is_sha256_hex(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f') ||
              (s[n] >= 'A' && s[n] <= 'F')))
            return 0;
    return n == R57_SHA256_HEX_SIZE - 1;
}

int r57_sha256(char *out, const void *data, size_t size)
{
    r57__sha256 h;
    if (!out || (!data && size > 0))
        return r57__error(R57_EINVAL, "r57_sha256: %s is NULL", out ? "data" : "out");
    r57__sha256_init(&h);
    if (size)
        r57__sha256_update(&h, data, size);
    r57__sha256_hex(&h, out);
    return R57_OK;
}

int r57_sha256_file(char *out, int64_t *size, const char *path)
{
    int ret;
    if (!out)
        return r57__error(R57_EINVAL, "r57_sha256_file: out is NULL");
    if ((ret = r57__require("r57_sha256_file", "path", path)) < 0)
        return ret;
    FILE *f = fopen(path, "rb");
    if (!f)
        return r57__error(R57_EIO, "cannot open file '%s': %s", path, strerror(errno));
    r57__sha256 h;
    unsigned char buf[65536];
    int64_t total = 0;
    size_t n;
    r57__sha256_init(&h);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        r57__sha256_update(&h, buf, n);
        total += (int64_t)n;
    }
    int failed = ferror(f);
    int err = errno;
    fclose(f);
    if (failed)
        return r57__error(R57_EIO, "cannot read file '%s': %s", path, strerror(err));
    r57__sha256_hex(&h, out);
    if (size)
        *size = total;
    return R57_OK;
}
