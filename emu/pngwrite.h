/* Screendumps: XRGB8888 pixels to an 8-bit RGB PNG file (libpng). Not
 * named png.h, which would hide libpng's own header. */
#ifndef EMU_PNGWRITE_H
#define EMU_PNGWRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* False with a message in err if the file cannot be written. */
bool png_write_xrgb(const char *path, const uint32_t *px, unsigned w, unsigned h,
                    char *err, size_t errlen);

#endif
