/* libFuzzer target for the image header parser (emu/image.c): image_decode
 * on arbitrary bytes must never crash, and a header it accepts must have a
 * consistent layout and survive an encode/decode round trip unchanged.
 * Each input is tried as it is and with its checksum made right, so that
 * the fields behind the checksum get fuzzed too. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "crc32.h"
#include "image.h"

#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

static void one(const uint8_t *data, size_t size)
{
    struct image_header h, again;
    char err[256];
    if (!image_decode(data, size, &h, err, sizeof err)) {
        CHECK(memchr(err, 0, sizeof err) && err[0]);
        return;
    }
    CHECK(h.size >= IMAGE_MIN_SIZE && h.size <= IMAGE_MAX_SIZE && h.size % 4096 == 0);
    CHECK(h.tags_off >= IMAGE_DATA_OFF + h.size && h.tsum_off >= h.tags_off + h.size / 8);
    CHECK(h.wear_off >= h.tsum_off + h.size / 4096);
    CHECK(h.file_size >= h.wear_off + h.size / IMAGE_MEDIA_LINE * 4);
    uint8_t buf[IMAGE_HEADER_BYTES];
    image_encode(&h, buf);
    CHECK(image_decode(buf, sizeof buf, &again, err, sizeof err));
    CHECK(memcmp(&h, &again, sizeof h) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    one(data, size);
    if (size >= IMAGE_HEADER_BYTES) {
        static uint8_t fixed[IMAGE_HEADER_BYTES];
        static struct crc32 c;
        memcpy(fixed, data, sizeof fixed);
        crc32_init(&c);
        crc32_add(&c, fixed, sizeof fixed - 4);
        uint32_t v = crc32_value(&c);
        for (int i = 0; i < 4; i++)
            fixed[sizeof fixed - 4 + i] = (uint8_t)(v >> (8 * i));
        one(fixed, sizeof fixed);
    }
    return 0;
}
