/* A 5x7 bitmap font for printable ASCII, drawn in 6x9 cells, for the text
 * the window draws itself (the monitor overlay). */
#ifndef GUI_FONT_H
#define GUI_FONT_H

#include <stdint.h>

#define FONT_W 5
#define FONT_H 7
#define FONT_CELL_W 6
#define FONT_CELL_H 9

/* Rows of the glyph for ch, top first, bit 4 the leftmost pixel; a blank
 * glyph for characters outside 0x20..0x7E. */
const uint8_t *font_glyph(char ch);

/* Draw text at (x, y) into a w x h buffer of pixels, scale times enlarged;
 * only the glyphs' set pixels are written, clipped to the buffer. */
void font_draw(uint32_t *px, unsigned w, unsigned h, int x, int y, unsigned scale, const char *text,
               uint32_t colour);

#endif
