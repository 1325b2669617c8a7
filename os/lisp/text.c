/* Strings and bytevectors on the heap, and UTF-8. */
#include "text.h"

#include <string.h>

lv make_string(struct lisp *l, const char *s, size_t n)
{
    lv str = lisp_alloc_raw(l, KIND_STRING, 1, n);
    set_field(l, str, 0, mkfx((int64_t)n));
    if (n)
        memcpy(bytes_of(l, str), s, n);
    return str;
}

size_t utf8_encode(uint32_t c, uint8_t *out)
{
    if (c < 0x80) {
        out[0] = (uint8_t)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (uint8_t)(0xc0 | c >> 6);
        out[1] = (uint8_t)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (uint8_t)(0xe0 | c >> 12);
        out[1] = (uint8_t)(0x80 | (c >> 6 & 0x3f));
        out[2] = (uint8_t)(0x80 | (c & 0x3f));
        return 3;
    }
    out[0] = (uint8_t)(0xf0 | c >> 18);
    out[1] = (uint8_t)(0x80 | (c >> 12 & 0x3f));
    out[2] = (uint8_t)(0x80 | (c >> 6 & 0x3f));
    out[3] = (uint8_t)(0x80 | (c & 0x3f));
    return 4;
}

uint32_t utf8_decode(const uint8_t *s, size_t n, size_t *i)
{
    uint8_t b = s[*i];
    unsigned len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3
                 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len == 0 || *i + len > n) {
        (*i)++;
        return len == 1 ? b : 0xfffd;
    }
    uint32_t c = len == 1 ? b : b & (0x7f >> len);
    for (unsigned k = 1; k < len; k++) {
        if ((s[*i + k] & 0xc0) != 0x80) {
            (*i)++;
            return 0xfffd;
        }
        c = c << 6 | (s[*i + k] & 0x3f);
    }
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < min[len] || c > 0x10ffff || (c >= 0xd800 && c < 0xe000)) {
        (*i)++;
        return 0xfffd;
    }
    *i += len;
    return c;
}

bool utf8_valid(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t at = i;
        uint32_t c = utf8_decode(s, n, &i);
        if (c == 0xfffd && !(i - at == 3 && s[at] == 0xef))
            return false;
    }
    return true;
}

size_t string_chars(const struct lisp *l, lv s)
{
    const uint8_t *b = bytes_of(l, s);
    size_t n = bytes_len(l, s), count = 0;
    for (size_t i = 0; i < n; i++)
        count += (b[i] & 0xc0) != 0x80;
    return count;
}

size_t string_offset(const struct lisp *l, lv s, size_t k)
{
    const uint8_t *b = bytes_of(l, s);
    size_t n = bytes_len(l, s), i = 0;
    while (k > 0 && i < n) {
        i++;
        while (i < n && (b[i] & 0xc0) == 0x80)
            i++;
        k--;
    }
    return i;
}
