/* The monitor overlay's text: a scrollback of the monitor's output, an
 * input line with simple editing and a history, and its picture. It knows
 * nothing of SDL or of the monitor: the window feeds it keys and output
 * and draws the pixels it renders over the frame. */
#ifndef GUI_OVERLAY_H
#define GUI_OVERLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OVERLAY_LINES 512   /* scrollback */
#define OVERLAY_COLS 240    /* the widest line kept; output wraps at the visible width */
#define OVERLAY_INPUT 256   /* the longest command */
#define OVERLAY_HISTORY 32
#define OVERLAY_PROMPT "(amber) "

enum overlay_key {
    OV_ENTER, OV_BACKSPACE, OV_DELETE, OV_LEFT, OV_RIGHT, OV_HOME, OV_END,
    OV_UP, OV_DOWN,            /* history */
    OV_PAGE_UP, OV_PAGE_DOWN,  /* scroll the output */
    OV_KILL_LINE,              /* Ctrl-U: clear the input */
};

struct overlay {
    char line[OVERLAY_LINES][OVERLAY_COLS + 1];
    unsigned first, count;  /* the scrollback ring */
    bool open;              /* the last line takes more output */
    bool wrapped;           /* it was ended by the width: a \n next ends nothing more */
    unsigned cols;          /* wrap width */
    unsigned rows;          /* output rows the picture shows (paging) */
    unsigned scroll;        /* lines scrolled back from the newest */
    char input[OVERLAY_INPUT];
    unsigned len, cursor;
    char history[OVERLAY_HISTORY][OVERLAY_INPUT];
    unsigned hist_count, hist_pos; /* hist_pos == hist_count: the line being typed */
    bool changed;           /* since the last render */
};

void overlay_init(struct overlay *o);
/* The visible width and height of the output area in characters. */
void overlay_set_size(struct overlay *o, unsigned cols, unsigned rows);
/* Append output: lines end at \n and wrap at the width; tabs become
 * spaces, other control characters and non-ASCII bytes are dropped. */
void overlay_print(struct overlay *o, const char *text, size_t len);
/* Typed text goes into the input line at the cursor (printable ASCII only). */
void overlay_type(struct overlay *o, const char *text);
/* An editing key. True when Enter finished a line: it is copied to line
 * (NUL-terminated, at most size - 1 bytes), echoed after the prompt, and
 * kept in the history if not empty. */
bool overlay_key(struct overlay *o, enum overlay_key k, char *line, size_t size);

/* The n-th line from the oldest kept; NULL past the end. */
const char *overlay_line(const struct overlay *o, unsigned n);

/* Draw the overlay into w x h pixels (ARGB8888, straight alpha): a
 * translucent panel, the title, the output and the input line with its
 * cursor, text enlarged scale times. */
void overlay_render(struct overlay *o, uint32_t *px, unsigned w, unsigned h, unsigned scale);

#endif
