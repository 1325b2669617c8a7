/* The host's hand on the power button (docs/emulator.md, "Switching off").
 * Once the button has been pressed - by the end of the console's input
 * (when the guest has read what came before it), a
 * SIGINT or SIGTERM, the window, or the monitor - the guest has a bounded
 * amount of simulated time to snapshot and switch itself off; after that,
 * or at a second signal, the button is held down: forced off, a power cut.
 * It runs in the machine's host poll (each simulated millisecond), chained
 * in front of the window's, so the emulator stays single-threaded. */
#ifndef EMU_HOST_BUTTON_H
#define EMU_HOST_BUTTON_H

#include <stdbool.h>
#include <stdint.h>

#include "machine.h"

#define HOST_BUTTON_TIMEOUT 10000000000ull /* 10 s of simulated time */

struct host_button {
    struct machine *m;
    void (*inner)(void *ctx, struct machine *m); /* the window's poll, or NULL */
    void *inner_ctx;
    bool press_at_eof;   /* the console's end of input presses the button */
    bool eof_pressed;
    uint64_t eof_at;     /* cycle the end of input was seen; UINT64_MAX: not yet */
    uint64_t timeout;    /* cycles from the press to the forced off */
    uint64_t deadline;   /* UINT64_MAX: the button is not pressed */
    int sigfd;           /* SIGINT and SIGTERM, or -1 */
    unsigned signals;
    const char *why;     /* why the machine was forced off, or NULL */
};

/* Hook into m (after the window, if any, hooked itself in). With signals,
 * SIGINT and SIGTERM press the button instead of ending amber. */
void host_button_attach(struct host_button *b, struct machine *m, bool press_at_eof,
                        bool signals, uint64_t timeout);
/* After a power-on: the button is up again. */
void host_button_power_on(struct host_button *b);
/* Unhook (the signals stay blocked until amber ends). */
void host_button_detach(struct host_button *b);

#endif
