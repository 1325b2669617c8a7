/* The window's host keys in a real SDL window (run under xvfb-run), driven
 * by SDL key and text events. The monitor overlay: Host+M opens it,
 * monitor commands typed there act on the machine (keyboard, mouse,
 * screendump), a command that would run the machine is refused, keys typed
 * into it do not reach the guest, Escape closes it and keys reach the guest
 * again. Then Host+Space pauses and resumes, Host+F goes full screen,
 * Host+S saves a screenshot, Host+P presses the power button and a second
 * Host+P holds it down.
 *
 *   window_keys DIRECTORY   (for the screendump and the screenshot)
 */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gui.h"
#include "machine.h"

static int failures;

static void check(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    failures += !ok;
}

static void key(SDL_Scancode sc, int down)
{
    SDL_Event e = { .type = down ? SDL_KEYDOWN : SDL_KEYUP };
    e.key.state = down ? SDL_PRESSED : SDL_RELEASED;
    e.key.keysym.scancode = sc;
    SDL_PushEvent(&e);
}

static void tap(SDL_Scancode sc)
{
    key(sc, 1);
    key(sc, 0);
}

/* Host key + sc. */
static void host(SDL_Scancode sc)
{
    key(SDL_SCANCODE_RCTRL, 1);
    tap(sc);
    key(SDL_SCANCODE_RCTRL, 0);
}

/* Text arrives in pieces of at most 31 bytes, as SDL_TEXTINPUT carries it. */
static void text(const char *s)
{
    while (*s) {
        SDL_Event e = { .type = SDL_TEXTINPUT };
        size_t n = strlen(s) < sizeof e.text.text - 1 ? strlen(s) : sizeof e.text.text - 1;
        memcpy(e.text.text, s, n);
        SDL_PushEvent(&e);
        s += n;
    }
}

static void command(const char *line)
{
    text(line);
    tap(SDL_SCANCODE_RETURN);
}

int main(int argc, char **argv)
{
    if (argc != 2 || chdir(argv[1]) != 0) {
        fprintf(stderr, "usage: window_keys DIRECTORY\n");
        return 2;
    }
    struct machine *m = calloc(1, sizeof *m);
    struct machine_config cfg = { .dram_size = 16u << 20 };
    static struct chardev quiet;
    char err[256];
    if (!m || !machine_init(m, &cfg, &quiet))
        return 2;
    struct gui *g = gui_open(m, &(struct gui_options){ .scale = 1 }, err, sizeof err);
    if (!g) {
        fprintf(stderr, "window_keys: %s\n", err);
        return 2;
    }
    /* Let the window map and take what the X server reports about it. */
    for (int i = 0; i < 10; i++) {
        m->host_poll(m->host_ctx, m);
        SDL_Delay(20);
    }
    kbd_init(&m->devs.kbd);
    mouse_init(&m->devs.mouse);
    unlink("overlay.png");
    unlink("amber-shot-0.png");

    host(SDL_SCANCODE_M);
    command("key a");
    command("mouse move 12 34");
    command("cont");
    command("screendump overlay.png");
    text("mouse wheel 4");
    tap(SDL_SCANCODE_BACKSPACE);
    text("7");
    tap(SDL_SCANCODE_RETURN);
    tap(SDL_SCANCODE_UP); /* the history: the same line again */
    tap(SDL_SCANCODE_RETURN);
    tap(SDL_SCANCODE_ESCAPE);
    m->host_poll(m->host_ctx, m); /* the overlay holds the machine until Escape */

    struct kbd *k = &m->devs.kbd;
    check(k->count == 2 && (k->ev[0] & 0x1FFFF) == (0x04 | KBD_EV_PRESSED) && (k->ev[1] & 0x1FFFF) == 0x04,
          "key a from the overlay reached the keyboard, and nothing typed into the overlay did");
    check(m->devs.mouse.x == 12 && m->devs.mouse.y == 34, "mouse move from the overlay moved the pointer");
    check(m->devs.mouse.wheel == 14, "a line edited, entered, and entered again from the history");
    check(m->cpu.instret == 0 && m->cpu.cycle == 0, "cont was refused: the machine did not run");
    struct stat st;
    check(stat("overlay.png", &st) == 0 && st.st_size > 0, "screendump from the overlay wrote the file");

    tap(SDL_SCANCODE_B);
    m->host_poll(m->host_ctx, m);
    check(k->count == 4 && (k->ev[2] & 0x1FFFF) == (0x05 | KBD_EV_PRESSED),
          "after Escape, keys go to the guest again");

    host(SDL_SCANCODE_SPACE);
    host(SDL_SCANCODE_SPACE);
    m->host_poll(m->host_ctx, m); /* returns only once resumed */
    check(k->count == 4, "pausing and resuming sent no key to the guest");

    host(SDL_SCANCODE_F);
    m->host_poll(m->host_ctx, m);
    check((SDL_GetWindowFlags(SDL_GetWindowFromID(1)) & SDL_WINDOW_FULLSCREEN_DESKTOP) ==
              SDL_WINDOW_FULLSCREEN_DESKTOP, "Host+F: full screen");
    host(SDL_SCANCODE_F);
    m->host_poll(m->host_ctx, m);
    check(!(SDL_GetWindowFlags(SDL_GetWindowFromID(1)) & SDL_WINDOW_FULLSCREEN), "Host+F again: windowed");

    host(SDL_SCANCODE_S);
    m->host_poll(m->host_ctx, m);
    check(stat("amber-shot-0.png", &st) == 0 && st.st_size > 0, "Host+S saved amber-shot-0.png");

    host(SDL_SCANCODE_P);
    m->host_poll(m->host_ctx, m);
    check((m->power.status & PWR_EV_BUTTON) && !m->power.forced_off, "Host+P pressed the power button");
    host(SDL_SCANCODE_P);
    m->host_poll(m->host_ctx, m);
    check(m->power.forced_off, "Host+P again held it down: forced off");
    check(k->count == 4, "no host key reached the guest");

    gui_close(g, err, sizeof err);
    machine_free(m);
    free(m);
    return failures ? 1 : 0;
}
