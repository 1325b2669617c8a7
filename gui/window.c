/* SDL2 window. Frames are presented from the machine's host poll at most
 * 60 times a host second; only the rows that changed since the last frame
 * are streamed into the texture. */
#include <SDL.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gui.h"
#include "machine.h"
#include "pngwrite.h"

#define HOST_KEY SDL_SCANCODE_RCTRL /* held with another key: a host command */
#define FRAME_MS 16u
#define STATUS_MS 1000u

struct gui {
    struct machine *m;
    SDL_Window *win;
    SDL_Renderer *ren;
    SDL_Texture *tex;
    unsigned w, h;        /* frame-buffer size the texture has */
    uint32_t *cur, *prev; /* this frame and the last one presented */
    bool host_key, grabbed, paused, fullscreen;
    unsigned scale;
    uint32_t last_frame, last_status;
    uint64_t status_cycle, status_instret;
    unsigned shots;
    const char *window_shot;
};

static bool make_texture(struct gui *g, unsigned w, unsigned h)
{
    if (g->tex)
        SDL_DestroyTexture(g->tex);
    free(g->cur);
    free(g->prev);
    g->w = w;
    g->h = h;
    g->cur = calloc((size_t)w * h, 4);
    g->prev = calloc((size_t)w * h, 4);
    g->tex = SDL_CreateTexture(g->ren, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_STREAMING, (int)w, (int)h);
    if (!g->cur || !g->prev || !g->tex)
        return false;
    /* A fresh texture is undefined: stream it whole once. */
    SDL_UpdateTexture(g->tex, NULL, g->prev, (int)w * 4);
    SDL_RenderSetLogicalSize(g->ren, (int)w, (int)h);
    return true;
}

static void save_shot(struct gui *g)
{
    char name[64], err[256];
    snprintf(name, sizeof name, "amber-shot-%u.png", g->shots++);
    if (png_write_xrgb(name, g->cur, g->w, g->h, err, sizeof err))
        fprintf(stderr, "amber: screenshot saved to %s\n", name);
    else
        fprintf(stderr, "amber: %s\n", err);
}

static void set_grab(struct gui *g, bool on)
{
    g->grabbed = on;
    SDL_SetWindowGrab(g->win, on ? SDL_TRUE : SDL_FALSE);
    SDL_SetWindowKeyboardGrab(g->win, on ? SDL_TRUE : SDL_FALSE);
    SDL_ShowCursor(on ? SDL_DISABLE : SDL_ENABLE); /* the guest draws its own cursor */
}

/* The power button: an interrupt for a guest that listens to the power
 * controller (it snapshots and switches off by itself); for one that does
 * not, or does not answer, pressing it switches the machine off, which ends
 * the run. */
static void power_button(struct gui *g)
{
    /* A second press while the first is unanswered forces the power off. */
    if ((g->m->power.irq_enable & PWR_EV_BUTTON) && !(g->m->power.irq_status & PWR_EV_BUTTON)) {
        powerctl_press(&g->m->power);
        return;
    }
    fprintf(stderr, "amber: power button pressed: switching off\n");
    g->m->host_quit = true;
}

static void host_command(struct gui *g, SDL_Scancode sc)
{
    switch (sc) {
    case SDL_SCANCODE_G: set_grab(g, !g->grabbed); break;
    case SDL_SCANCODE_P: power_button(g); break;
    case SDL_SCANCODE_SPACE: g->paused = !g->paused; break;
    case SDL_SCANCODE_S: save_shot(g); break;
    case SDL_SCANCODE_F:
        g->fullscreen = !g->fullscreen;
        SDL_SetWindowFullscreen(g->win, g->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
        break;
    case SDL_SCANCODE_M:
        fprintf(stderr, "amber: the monitor overlay is not available yet\n");
        break;
    default: break;
    }
}

static void handle(struct gui *g, const SDL_Event *e)
{
    struct amberdevs *d = &g->m->devs;
    switch (e->type) {
    case SDL_QUIT:
        power_button(g); /* closing the window presses the power button */
        break;
    case SDL_KEYDOWN:
    case SDL_KEYUP: {
        SDL_Scancode sc = e->key.keysym.scancode;
        bool down = e->type == SDL_KEYDOWN;
        if (sc == HOST_KEY) {
            g->host_key = down;
        } else if (g->host_key) {
            if (down && !e->key.repeat)
                host_command(g, sc);
        } else if (!e->key.repeat) {
            kbd_event(&d->kbd, (unsigned)sc, down); /* SDL scancodes are HID usages */
        }
        break;
    }
    case SDL_MOUSEMOTION: /* logical size makes these frame-buffer pixels */
        mouse_move(&d->mouse, (unsigned)(e->motion.x < 0 ? 0 : e->motion.x),
                   (unsigned)(e->motion.y < 0 ? 0 : e->motion.y));
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP: {
        static const int map[] = { [SDL_BUTTON_LEFT] = 0, [SDL_BUTTON_RIGHT] = 1, [SDL_BUTTON_MIDDLE] = 2,
                                   [SDL_BUTTON_X1] = 3, [SDL_BUTTON_X2] = 4 };
        if (e->button.button < sizeof map / sizeof map[0])
            mouse_button(&d->mouse, (unsigned)map[e->button.button], e->type == SDL_MOUSEBUTTONDOWN);
        break;
    }
    case SDL_MOUSEWHEEL:
        mouse_wheel(&d->mouse, e->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -e->wheel.y : e->wheel.y);
        break;
    default: break;
    }
}

/* Stream the band of rows that changed, then present. */
static void present(struct gui *g)
{
    unsigned w, h;
    display_size(&g->m->devs.display, &w, &h);
    if (w != g->w || h != g->h) {
        if (!make_texture(g, w, h))
            return;
        if (!g->fullscreen) /* follow the guest's mode change */
            SDL_SetWindowSize(g->win, (int)(w * g->scale), (int)(h * g->scale));
    }
    display_render(&g->m->devs.display, g->cur);
    size_t row = (size_t)w * 4;
    unsigned y0 = 0, y1 = h;
    while (y0 < h && memcmp(g->cur + (size_t)y0 * w, g->prev + (size_t)y0 * w, row) == 0)
        y0++;
    while (y1 > y0 && memcmp(g->cur + (size_t)(y1 - 1) * w, g->prev + (size_t)(y1 - 1) * w, row) == 0)
        y1--;
    if (y1 > y0) {
        SDL_Rect r = { 0, (int)y0, (int)w, (int)(y1 - y0) };
        SDL_UpdateTexture(g->tex, &r, g->cur + (size_t)y0 * w, (int)row);
        memcpy(g->prev + (size_t)y0 * w, g->cur + (size_t)y0 * w, row * (y1 - y0));
    }
    SDL_RenderClear(g->ren);
    SDL_RenderCopy(g->ren, g->tex, NULL, NULL);
    SDL_RenderPresent(g->ren);
}

/* The status line is the window title: simulated MHz and host MIPS over the
 * last second, and the power state. */
static void status(struct gui *g, uint32_t now_ms)
{
    const struct cpu *c = &g->m->cpu;
    double s = (now_ms - g->last_status) / 1000.0;
    char t[192];
    snprintf(t, sizeof t, "Amber-1 | %.0f sim MHz | %.0f host MIPS | power on%s%s | %s+G grab",
             s > 0 ? (c->cycle - g->status_cycle) / s / 1e6 : 0.0,
             s > 0 ? (c->instret - g->status_instret) / s / 1e6 : 0.0,
             g->paused ? " | paused" : "", g->grabbed ? " | input grabbed" : "",
             SDL_GetScancodeName(HOST_KEY));
    SDL_SetWindowTitle(g->win, t);
    g->last_status = now_ms;
    g->status_cycle = c->cycle;
    g->status_instret = c->instret;
}

static void poll(void *ctx, struct machine *m)
{
    struct gui *g = ctx;
    (void)m;
    SDL_Event e;
    do {
        while (SDL_PollEvent(&e))
            handle(g, &e);
        uint32_t now = SDL_GetTicks();
        if (now - g->last_frame >= FRAME_MS) {
            present(g);
            g->last_frame = now;
        }
        if (now - g->last_status >= STATUS_MS)
            status(g, now);
        if (g->paused && !g->m->host_quit)
            SDL_WaitEventTimeout(NULL, (int)FRAME_MS);
    } while (g->paused && !g->m->host_quit);
}

static unsigned fit_scale(unsigned w, unsigned h)
{
    SDL_Rect b;
    unsigned s = 1;
    if (SDL_GetDisplayUsableBounds(0, &b) == 0)
        while ((s + 1) * w <= (unsigned)b.w && (s + 1) * h <= (unsigned)b.h)
            s++;
    return s;
}

struct gui *gui_open(struct machine *m, const struct gui_options *opt, char *err, size_t errlen)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        snprintf(err, errlen, "cannot open a window: %s (no display? use --headless)", SDL_GetError());
        return NULL;
    }
    /* Without a display SDL falls back to drivers nobody can see; unless the
     * user chose one with SDL_VIDEODRIVER, that means there is no display. */
    const char *drv = SDL_GetCurrentVideoDriver();
    if (!getenv("SDL_VIDEODRIVER") && drv && (!strcmp(drv, "offscreen") || !strcmp(drv, "dummy"))) {
        snprintf(err, errlen, "cannot open a window: no display (DISPLAY and WAYLAND_DISPLAY are unset)");
        SDL_Quit();
        return NULL;
    }
    struct gui *g = calloc(1, sizeof *g);
    unsigned w, h;
    display_size(&m->devs.display, &w, &h);
    unsigned scale = opt->scale ? opt->scale : fit_scale(w, h);
    if (g)
        g->win = SDL_CreateWindow("Amber-1", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                  (int)(w * scale), (int)(h * scale),
                                  SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI |
                                  (opt->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0));
    if (g && g->win)
        g->ren = SDL_CreateRenderer(g->win, -1, 0);
    if (!g || !g->win || !g->ren) {
        snprintf(err, errlen, "cannot open a window: %s", SDL_GetError());
        gui_close(g, NULL, 0);
        return NULL;
    }
    /* Integer scaling keeps pixels square and sharp at every window size,
     * and on HiDPI screens counts physical pixels. */
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "nearest");
    SDL_RenderSetIntegerScale(g->ren, SDL_TRUE);
    if (!make_texture(g, w, h)) {
        snprintf(err, errlen, "cannot create the frame texture: %s", SDL_GetError());
        gui_close(g, NULL, 0);
        return NULL;
    }
    g->m = m;
    g->fullscreen = opt->fullscreen;
    g->scale = scale;
    g->window_shot = opt->window_shot;
    g->last_status = SDL_GetTicks();
    m->host_poll = poll;
    m->host_ctx = g;
    return g;
}

/* What the window shows, read back from the renderer and sampled once per
 * frame-buffer pixel of the centred, integer-scaled picture. */
static bool window_shot(struct gui *g, char *err, size_t errlen)
{
    present(g);
    SDL_RenderClear(g->ren);
    SDL_RenderCopy(g->ren, g->tex, NULL, NULL);
    int ow, oh;
    SDL_GetRendererOutputSize(g->ren, &ow, &oh);
    unsigned s = (unsigned)ow / g->w < (unsigned)oh / g->h ? (unsigned)ow / g->w : (unsigned)oh / g->h;
    uint32_t *px = malloc((size_t)ow * oh * 4), *out = malloc((size_t)g->w * g->h * 4);
    bool ok = s > 0 && px && out && SDL_RenderReadPixels(g->ren, NULL, SDL_PIXELFORMAT_RGB888, px, ow * 4) == 0;
    if (!ok) {
        snprintf(err, errlen, "cannot read the window back: %s", s ? SDL_GetError() : "window too small");
    } else {
        size_t x0 = ((unsigned)ow - g->w * s) / 2, y0 = ((unsigned)oh - g->h * s) / 2;
        for (size_t y = 0; y < g->h; y++)
            for (size_t x = 0; x < g->w; x++)
                out[y * g->w + x] = px[(y0 + y * s) * (size_t)ow + x0 + x * s] & 0xFFFFFF;
        ok = png_write_xrgb(g->window_shot, out, g->w, g->h, err, errlen);
    }
    free(px);
    free(out);
    return ok;
}

bool gui_close(struct gui *g, char *err, size_t errlen)
{
    bool ok = true;
    if (g && g->window_shot && g->ren && g->tex)
        ok = window_shot(g, err, errlen);
    if (g) {
        if (g->m)
            g->m->host_poll = NULL;
        if (g->tex)
            SDL_DestroyTexture(g->tex);
        if (g->ren)
            SDL_DestroyRenderer(g->ren);
        if (g->win)
            SDL_DestroyWindow(g->win);
        free(g->cur);
        free(g->prev);
        free(g);
    }
    SDL_Quit();
    return ok;
}
