/* A small line editor for the monitor on a terminal: the usual Emacs keys
 * and arrows, and a history. It is fed one byte at a time, so the session
 * can wait on the terminal and its sockets together. The terminal is in
 * raw mode only while a line is being edited. */
#ifndef EMU_LINEEDIT_H
#define EMU_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <termios.h>

#define LE_LINE_MAX 1024
#define LE_HISTORY 100

enum le_result { LE_MORE, LE_LINE, LE_EOF };

struct lineedit {
    int in_fd, out_fd;
    const char *prompt;
    char buf[LE_LINE_MAX];
    size_t len, pos;
    char *hist[LE_HISTORY];       /* oldest first */
    unsigned nhist, browse;       /* browse == nhist: editing a new line */
    char saved[LE_LINE_MAX];      /* the new line while browsing */
    unsigned esc;                 /* escape sequence state */
    char seq[8];
    size_t nseq;
    struct termios cooked;
    bool raw;
};

void le_init(struct lineedit *le, int in_fd, int out_fd);
void le_free(struct lineedit *le);
/* Show the prompt and start a line (terminal in raw mode). */
void le_begin(struct lineedit *le, const char *prompt);
/* One input byte. With LE_LINE the line is in buf (NUL-terminated), added
 * to the history, and the terminal is back in its normal mode. */
enum le_result le_feed(struct lineedit *le, unsigned char ch);
/* Leave raw mode (before the machine runs or amber exits). */
void le_end(struct lineedit *le);

#endif
