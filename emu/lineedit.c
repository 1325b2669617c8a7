#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lineedit.h"

#define KEY_CTRL(c) ((c) & 0x1f)

static void out(struct lineedit *le, const char *s, size_t n)
{
    while (n) {
        ssize_t w = write(le->out_fd, s, n);
        if (w <= 0)
            return; /* the terminal is gone; the input side will see it */
        s += w;
        n -= (size_t)w;
    }
}

static void outs(struct lineedit *le, const char *s)
{
    out(le, s, strlen(s));
}

/* Rewrite the line and put the cursor where pos is. */
static void redraw(struct lineedit *le)
{
    char tail[32];
    outs(le, "\r");
    outs(le, le->prompt);
    out(le, le->buf, le->len);
    outs(le, "\x1b[K");
    if (le->len > le->pos) {
        snprintf(tail, sizeof tail, "\x1b[%zuD", le->len - le->pos);
        outs(le, tail);
    }
}

void le_init(struct lineedit *le, int in_fd, int out_fd)
{
    memset(le, 0, sizeof *le);
    le->in_fd = in_fd;
    le->out_fd = out_fd;
    le->prompt = "";
    if (tcgetattr(in_fd, &le->cooked) != 0)
        le->cooked.c_lflag = 0;
}

void le_free(struct lineedit *le)
{
    le_end(le);
    for (unsigned i = 0; i < le->nhist; i++)
        free(le->hist[i]);
    le->nhist = 0;
}

void le_begin(struct lineedit *le, const char *prompt)
{
    le->prompt = prompt;
    le->len = le->pos = 0;
    le->buf[0] = '\0';
    le->browse = le->nhist;
    le->esc = 0;
    if (!le->raw) {
        struct termios raw = le->cooked;
        /* No echo, no line buffering, no signals from ^C (it cancels the
         * line), no CR translation; output processing stays on. */
        raw.c_lflag &= ~(tcflag_t)(ECHO | ICANON | ISIG | IEXTEN);
        raw.c_iflag &= ~(tcflag_t)(ICRNL | IXON);
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        le->raw = tcsetattr(le->in_fd, TCSAFLUSH, &raw) == 0;
    }
    outs(le, prompt);
}

void le_end(struct lineedit *le)
{
    if (le->raw)
        tcsetattr(le->in_fd, TCSAFLUSH, &le->cooked);
    le->raw = false;
}

static void set_line(struct lineedit *le, const char *s)
{
    snprintf(le->buf, sizeof le->buf, "%s", s);
    le->len = le->pos = strlen(le->buf);
    redraw(le);
}

static void history_move(struct lineedit *le, int dir)
{
    if (dir < 0 && le->browse == 0)
        return;
    if (dir > 0 && le->browse == le->nhist)
        return;
    if (le->browse == le->nhist)
        memcpy(le->saved, le->buf, le->len + 1);
    le->browse = (unsigned)((int)le->browse + dir);
    set_line(le, le->browse == le->nhist ? le->saved : le->hist[le->browse]);
}

static void remember(struct lineedit *le)
{
    if (!le->len || (le->nhist && strcmp(le->hist[le->nhist - 1], le->buf) == 0))
        return;
    char *copy = strdup(le->buf);
    if (!copy)
        return;
    if (le->nhist == LE_HISTORY) {
        free(le->hist[0]);
        memmove(le->hist, le->hist + 1, (LE_HISTORY - 1) * sizeof le->hist[0]);
        le->nhist--;
    }
    le->hist[le->nhist++] = copy;
}

static void delete_range(struct lineedit *le, size_t from, size_t to)
{
    memmove(le->buf + from, le->buf + to, le->len - to + 1);
    le->len -= to - from;
    le->pos = from;
    redraw(le);
}

static void insert(struct lineedit *le, char ch)
{
    if (le->len + 1 >= LE_LINE_MAX)
        return;
    memmove(le->buf + le->pos + 1, le->buf + le->pos, le->len - le->pos + 1);
    le->buf[le->pos++] = ch;
    le->len++;
    if (le->pos == le->len)
        out(le, &ch, 1);
    else
        redraw(le);
}

static void move(struct lineedit *le, size_t pos)
{
    le->pos = pos;
    redraw(le);
}

/* The end of an escape sequence: ESC [ A..D, H, F, or ESC [ n ~. */
static void escape(struct lineedit *le, char final)
{
    const char *n = le->seq;
    switch (final) {
    case 'A': history_move(le, -1); break;
    case 'B': history_move(le, 1); break;
    case 'C': if (le->pos < le->len) move(le, le->pos + 1); break;
    case 'D': if (le->pos > 0) move(le, le->pos - 1); break;
    case 'H': move(le, 0); break;
    case 'F': move(le, le->len); break;
    case '~':
        if (!strcmp(n, "1") || !strcmp(n, "7"))
            move(le, 0);
        else if (!strcmp(n, "4") || !strcmp(n, "8"))
            move(le, le->len);
        else if (!strcmp(n, "3") && le->pos < le->len)
            delete_range(le, le->pos, le->pos + 1);
        break;
    default:
        break;
    }
}

enum le_result le_feed(struct lineedit *le, unsigned char ch)
{
    if (le->esc == 1) { /* after ESC */
        le->esc = ch == '[' || ch == 'O' ? 2 : 0;
        le->nseq = 0;
        le->seq[0] = '\0';
        return LE_MORE;
    }
    if (le->esc == 2) { /* after ESC [ */
        if ((ch >= '0' && ch <= '9') || ch == ';') {
            if (le->nseq + 1 < sizeof le->seq) {
                le->seq[le->nseq++] = (char)ch;
                le->seq[le->nseq] = '\0';
            }
            return LE_MORE;
        }
        le->esc = 0;
        escape(le, (char)ch);
        return LE_MORE;
    }
    size_t start = le->pos;
    switch (ch) {
    case '\r':
    case '\n':
        outs(le, "\r\n");
        le->buf[le->len] = '\0';
        remember(le);
        le_end(le);
        return LE_LINE;
    case KEY_CTRL('D'):
        if (le->len == 0) {
            outs(le, "\r\n");
            le_end(le);
            return LE_EOF;
        }
        if (le->pos < le->len)
            delete_range(le, le->pos, le->pos + 1);
        break;
    case KEY_CTRL('C'): /* abandon the line */
        outs(le, "^C\r\n");
        le->len = le->pos = 0;
        le->buf[0] = '\0';
        le->browse = le->nhist;
        outs(le, le->prompt);
        break;
    case 0x7f:
    case KEY_CTRL('H'):
        if (le->pos > 0)
            delete_range(le, le->pos - 1, le->pos);
        break;
    case KEY_CTRL('A'): move(le, 0); break;
    case KEY_CTRL('E'): move(le, le->len); break;
    case KEY_CTRL('B'): if (le->pos > 0) move(le, le->pos - 1); break;
    case KEY_CTRL('F'): if (le->pos < le->len) move(le, le->pos + 1); break;
    case KEY_CTRL('K'): le->len = le->pos; le->buf[le->len] = '\0'; redraw(le); break;
    case KEY_CTRL('U'): delete_range(le, 0, le->pos); break;
    case KEY_CTRL('W'):
        while (start > 0 && le->buf[start - 1] == ' ')
            start--;
        while (start > 0 && le->buf[start - 1] != ' ')
            start--;
        delete_range(le, start, le->pos);
        break;
    case KEY_CTRL('L'): outs(le, "\x1b[H\x1b[2J"); redraw(le); break;
    case KEY_CTRL('P'): history_move(le, -1); break;
    case KEY_CTRL('N'): history_move(le, 1); break;
    case 0x1b: le->esc = 1; break;
    default:
        if (ch >= 0x20 && ch < 0x7f)
            insert(le, (char)ch);
        break;
    }
    return LE_MORE;
}
