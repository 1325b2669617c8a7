#include <stdio.h>
#include <string.h>

#include "font.h"
#include "overlay.h"

#define PANEL 0xE0101418u   /* ARGB: nearly opaque, dark */
#define TEXT 0xFFD8D8D8u
#define TITLE 0xFFFFC040u
#define ERROR 0xFFFF7070u
#define CURSOR 0xFF80C0FFu

void overlay_init(struct overlay *o)
{
    memset(o, 0, sizeof *o);
    o->cols = OVERLAY_COLS;
    o->changed = true;
}

void overlay_set_size(struct overlay *o, unsigned cols, unsigned rows)
{
    o->cols = cols < 1 ? 1 : cols > OVERLAY_COLS ? OVERLAY_COLS : cols;
    o->rows = rows;
}

static char *last_line(struct overlay *o)
{
    return o->line[(o->first + o->count - 1) % OVERLAY_LINES];
}

static void new_line(struct overlay *o)
{
    if (o->count == OVERLAY_LINES) { /* the oldest line goes */
        o->first = (o->first + 1) % OVERLAY_LINES;
        o->count--;
    }
    o->count++;
    last_line(o)[0] = '\0';
    o->open = true;
}

static void put(struct overlay *o, char c)
{
    if (!o->open)
        new_line(o);
    char *l = last_line(o);
    size_t n = strlen(l);
    l[n] = c;
    l[n + 1] = '\0';
    o->wrapped = n + 1 >= o->cols;
    o->open = !o->wrapped;
}

void overlay_print(struct overlay *o, const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '\n') {
            if (!o->open && !o->wrapped)
                new_line(o);
            o->open = o->wrapped = false;
        } else if (c == '\t') {
            do
                put(o, ' ');
            while (o->open && strlen(last_line(o)) % 8);
        } else if (c >= 0x20 && c < 0x7F) {
            put(o, c);
        }
    }
    o->scroll = 0;
    o->changed = true;
}

void overlay_type(struct overlay *o, const char *text)
{
    for (; *text; text++) {
        if (*text < 0x20 || *text >= 0x7F || o->len + 1 >= OVERLAY_INPUT)
            continue;
        memmove(o->input + o->cursor + 1, o->input + o->cursor, o->len - o->cursor);
        o->input[o->cursor++] = *text;
        o->len++;
    }
    o->input[o->len] = '\0';
    o->changed = true;
}

static void delete_at_cursor(struct overlay *o)
{
    if (o->cursor < o->len) {
        memmove(o->input + o->cursor, o->input + o->cursor + 1, o->len - o->cursor);
        o->len--;
    }
}

static void set_input(struct overlay *o, const char *text)
{
    o->len = o->cursor = 0;
    o->input[0] = '\0';
    overlay_type(o, text);
}

static void remember(struct overlay *o, const char *text)
{
    if (!*text || (o->hist_count && !strcmp(o->history[(o->hist_count - 1) % OVERLAY_HISTORY], text)))
        return;
    strcpy(o->history[o->hist_count % OVERLAY_HISTORY], text);
    o->hist_count++;
}

static unsigned oldest_history(const struct overlay *o)
{
    return o->hist_count > OVERLAY_HISTORY ? o->hist_count - OVERLAY_HISTORY : 0;
}

bool overlay_key(struct overlay *o, enum overlay_key k, char *line, size_t size)
{
    unsigned page = o->rows > 1 ? o->rows - 1 : 1;
    o->changed = true;
    switch (k) {
    case OV_ENTER: {
        size_t n = o->len < size - 1 ? o->len : size - 1;
        memcpy(line, o->input, n);
        line[n] = '\0';
        if (o->open)
            overlay_print(o, "\n", 1);
        overlay_print(o, OVERLAY_PROMPT, strlen(OVERLAY_PROMPT));
        overlay_print(o, o->input, o->len);
        overlay_print(o, "\n", 1);
        remember(o, o->input);
        o->hist_pos = o->hist_count;
        set_input(o, "");
        return true;
    }
    case OV_BACKSPACE:
        if (o->cursor > 0) {
            o->cursor--;
            delete_at_cursor(o);
        }
        break;
    case OV_DELETE: delete_at_cursor(o); break;
    case OV_LEFT: o->cursor -= o->cursor > 0; break;
    case OV_RIGHT: o->cursor += o->cursor < o->len; break;
    case OV_HOME: o->cursor = 0; break;
    case OV_END: o->cursor = o->len; break;
    case OV_UP:
        if (o->hist_pos > oldest_history(o)) {
            o->hist_pos--;
            set_input(o, o->history[o->hist_pos % OVERLAY_HISTORY]);
        }
        break;
    case OV_DOWN:
        if (o->hist_pos < o->hist_count) {
            o->hist_pos++;
            set_input(o, o->hist_pos == o->hist_count ? "" : o->history[o->hist_pos % OVERLAY_HISTORY]);
        }
        break;
    case OV_PAGE_UP: {
        unsigned most = o->count > o->rows ? o->count - o->rows : 0;
        o->scroll = o->scroll + page > most ? most : o->scroll + page;
        break;
    }
    case OV_PAGE_DOWN: o->scroll = o->scroll > page ? o->scroll - page : 0; break;
    case OV_KILL_LINE: set_input(o, ""); break;
    }
    return false;
}

const char *overlay_line(const struct overlay *o, unsigned n)
{
    return n < o->count ? o->line[(o->first + n) % OVERLAY_LINES] : NULL;
}

void overlay_render(struct overlay *o, uint32_t *px, unsigned w, unsigned h, unsigned scale)
{
    unsigned cw = FONT_CELL_W * scale, ch = FONT_CELL_H * scale;
    unsigned cols = w / cw > 2 ? w / cw - 2 : 1, rows = h / ch > 3 ? h / ch - 3 : 1;
    overlay_set_size(o, cols, rows);
    for (size_t i = 0; i < (size_t)w * h; i++)
        px[i] = PANEL;
    int x0 = (int)cw, y = (int)(ch / 2);
    font_draw(px, w, h, x0, y, scale, "Amber monitor - the machine is paused. Host+M closes, PgUp/PgDn scroll.",
              TITLE);
    /* The newest lines that fit, above the input line. */
    unsigned end = o->count - (o->scroll < o->count ? o->scroll : o->count);
    unsigned start = end > rows ? end - rows : 0;
    for (unsigned i = start; i < end; i++) {
        const char *l = overlay_line(o, i);
        y = (int)(ch / 2 + ch * (1 + i - start));
        font_draw(px, w, h, x0, y, scale, l, strncmp(l, "error: ", 7) ? TEXT : ERROR);
    }
    /* The input line, scrolled so that the cursor shows. */
    char shown[OVERLAY_COLS + 1];
    unsigned plen = (unsigned)strlen(OVERLAY_PROMPT), room = cols > plen + 1 ? cols - plen - 1 : 1;
    unsigned from = o->cursor > room ? o->cursor - room : 0;
    snprintf(shown, sizeof shown, "%s%.*s", OVERLAY_PROMPT, (int)room, o->input + from);
    y = (int)(ch / 2 + ch * (rows + 1));
    font_draw(px, w, h, x0, y, scale, shown, TEXT);
    int cx = x0 + (int)((plen + o->cursor - from) * cw);
    for (int r = 0; r < (int)ch; r++) {
        int py = y - 1 + r;
        for (int c = 0; c < (int)scale && py >= 0 && py < (int)h; c++)
            if (cx + c < (int)w)
                px[(size_t)py * w + (size_t)(cx + c)] = CURSOR;
    }
    o->changed = false;
}
