/* The window front end: shows the display controller's picture, forwards
 * keys and the mouse to the guest, and offers host keys (docs/devices.md,
 * "The window"). It runs inside the machine's host poll, so the emulator
 * stays single-threaded. */
#ifndef GUI_GUI_H
#define GUI_GUI_H

#include <stdbool.h>
#include <stddef.h>

struct machine;
struct gui;

struct gui_options {
    unsigned scale;          /* 0: the largest integer scale that fits the screen */
    bool fullscreen;
    const char *window_shot; /* at close, save what the window shows (PNG) */
};

/* Open the window and hook it into m. NULL with a message in err if there
 * is no display (no X server, or SDL2 missing). */
struct gui *gui_open(struct machine *m, const struct gui_options *opt, char *err, size_t errlen);
/* Present a frame now, as the host poll does at most 60 times a second
 * (for the presentation benchmark, tests/bench/present.c). */
void gui_present(struct gui *g);
/* Close the window; false if the window shot could not be saved. */
bool gui_close(struct gui *g, char *err, size_t errlen);

#endif
