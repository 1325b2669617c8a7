/* A sparse copy of an image, for work that must not touch the original
 * (amber torture on the user's image). */
#ifndef EMU_IMAGE_COPY_H
#define EMU_IMAGE_COPY_H

#include <stdbool.h>
#include <stddef.h>

/* Validate src (shared lock: refused while another amber uses it) and copy
 * it to the new file dst, holes kept as holes. Never overwrites dst; on
 * failure nothing is left at dst. */
bool image_copy(const char *src, const char *dst, char *err, size_t errlen);

#endif
