/* PNG writer on libpng's simplified API, which needs no setjmp handling. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pngwrite.h"

bool png_write_xrgb(const char *path, const uint32_t *px, unsigned w, unsigned h,
                    char *err, size_t errlen)
{
    uint8_t *rgb = malloc((size_t)w * h * 3 + 1);
    if (!rgb) {
        snprintf(err, errlen, "%s: out of memory", path);
        return false;
    }
    for (size_t i = 0; i < (size_t)w * h; i++) {
        rgb[3 * i] = (uint8_t)(px[i] >> 16);
        rgb[3 * i + 1] = (uint8_t)(px[i] >> 8);
        rgb[3 * i + 2] = (uint8_t)px[i];
    }
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    img.width = w;
    img.height = h;
    img.format = PNG_FORMAT_RGB;
    bool ok = png_image_write_to_file(&img, path, 0, rgb, 0, NULL);
    if (!ok)
        snprintf(err, errlen, "%s: %s", path, img.message);
    png_image_free(&img);
    free(rgb);
    return ok;
}
