/* `amber image wear PATH`: wear statistics of an image (docs/nvdimm.md). */
#ifndef EMU_IMAGE_WEAR_H
#define EMU_IMAGE_WEAR_H

/* Print the summary, histogram and the top hottest media lines; write a
 * heat map to png if not NULL. Returns the exit status (2: bad image). */
int image_wear(const char *path, unsigned top, const char *png);

#endif
