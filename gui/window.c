/* SDL2 window. Frames are presented from the machine's host poll at most
 * 60 times a host second; only the runs of rows that changed since the last
 * frame are streamed into the texture, and an unchanged frame is not
 * presented at all. The monitor overlay is drawn over the picture from its
 * own texture. */
#include <SDL.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debug.h"
#include "gui.h"
#include "machine.h"
#include "monitor.h"
#include "overlay.h"
#include "pngwrite.h"
#include "status.h"

#define HOST_KEY SDL_SCANCODE_RCTRL /* held with another key: a host command */
#define FRAME_MS 16u
#define STATUS_MS 1000u
#define MERGE_GAP 8u /* changed rows this close together are streamed as one run */

struct gui {
    struct machine *m;
    SDL_Window *win;
    SDL_Renderer *ren;
    SDL_Texture *tex, *ov_tex;
    unsigned w, h;        /* frame-buffer size the textures have */
    uint32_t *cur, *prev; /* this frame and the last one presented */
    uint32_t *ov_px;      /* the overlay's picture */
    bool host_key, grabbed, paused, fullscreen, overlay_open;
    bool redraw;          /* present even if the picture did not change */
    bool skip_motion;     /* the pointer entered the window: not a move */
    bool guest_down[SDL_NUM_SCANCODES]; /* keys the guest saw pressed */
    unsigned scale;
    uint32_t last_frame, last_status;
    struct status status;
    unsigned shots;
    const char *window_shot;
    struct overlay ov;
    /* Without a session, the overlay's own monitor (no symbols). */
    struct debug *own_dbg;
    struct monitor *own_mon;
    struct symtab no_syms;
};

static bool make_texture(struct gui *g, unsigned w, unsigned h)
{
    if (g->tex)
        SDL_DestroyTexture(g->tex);
    if (g->ov_tex)
        SDL_DestroyTexture(g->ov_tex);
    free(g->cur);
    free(g->prev);
    free(g->ov_px);
    g->w = w;
    g->h = h;
    g->cur = calloc((size_t)w * h, 4);
    g->prev = calloc((size_t)w * h, 4);
    g->ov_px = calloc((size_t)w * h, 4);
    g->tex = SDL_CreateTexture(g->ren, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_STREAMING, (int)w, (int)h);
    g->ov_tex = SDL_CreateTexture(g->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, (int)w, (int)h);
    if (!g->cur || !g->prev || !g->ov_px || !g->tex || !g->ov_tex)
        return false;
    SDL_SetTextureBlendMode(g->ov_tex, SDL_BLENDMODE_BLEND);
    g->ov.changed = true;
    g->redraw = true;
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

/* The power button: a press is the power controller's button event, which
 * a guest that listens answers by snapshotting and switching off; the host
 * side (emu/host_button.c) gives it a bounded time. Pressing again while
 * the first press is unanswered holds the button down: forced off. */
static void power_button(struct gui *g)
{
    if (g->m->power.status & PWR_EV_BUTTON) {
        fprintf(stderr, "amber: power button held down: forced off\n");
        powerctl_long_press(&g->m->power);
    } else {
        powerctl_press(&g->m->power);
    }
}

/* ---- the monitor overlay ---- */

static struct monitor *overlay_monitor(struct gui *g)
{
    if (g->m->monitor)
        return g->m->monitor;
    if (!g->own_mon) {
        g->own_dbg = calloc(1, sizeof *g->own_dbg);
        g->own_mon = calloc(1, sizeof *g->own_mon);
        if (!g->own_dbg || !g->own_mon) {
            free(g->own_dbg);
            free(g->own_mon);
            g->own_dbg = NULL;
            g->own_mon = NULL;
            return NULL;
        }
        debug_init(g->own_dbg, g->m, UINT64_MAX, stderr);
        monitor_init(g->own_mon, g->m, g->own_dbg, &g->no_syms);
    }
    return g->own_mon;
}

/* Run a command typed in the overlay. This happens inside the machine's
 * host poll, in the middle of a run, so commands that would run the
 * machine are refused (no_run), and the monitor's output stream is put
 * back for a command that may be in progress (a script's "at"). */
static void overlay_exec(struct gui *g, const char *line)
{
    struct monitor *mon = overlay_monitor(g);
    char *out = NULL;
    size_t len = 0;
    FILE *f = mon ? open_memstream(&out, &len) : NULL;
    if (!f) {
        overlay_print(&g->ov, "error: out of memory\n", 21);
        return;
    }
    FILE *saved_out = mon->out;
    bool saved_no_run = mon->no_run;
    mon->no_run = true;
    monitor_exec(mon, line, f);
    mon->out = saved_out;
    mon->no_run = saved_no_run;
    fclose(f);
    overlay_print(&g->ov, out, len);
    free(out);
    if (mon->quit)
        g->m->host_quit = true;
}

static void overlay_toggle(struct gui *g)
{
    g->overlay_open = !g->overlay_open;
    g->ov.changed = true;
    g->redraw = true;
    if (g->overlay_open)
        SDL_StartTextInput();
    else
        SDL_StopTextInput();
}

/* A key while the overlay is open: editing, Enter runs the line, Escape
 * closes it. */
static void overlay_keydown(struct gui *g, const SDL_KeyboardEvent *k)
{
    static const struct {
        SDL_Scancode sc;
        enum overlay_key key;
    } map[] = {
        { SDL_SCANCODE_RETURN, OV_ENTER }, { SDL_SCANCODE_KP_ENTER, OV_ENTER },
        { SDL_SCANCODE_BACKSPACE, OV_BACKSPACE }, { SDL_SCANCODE_DELETE, OV_DELETE },
        { SDL_SCANCODE_LEFT, OV_LEFT }, { SDL_SCANCODE_RIGHT, OV_RIGHT },
        { SDL_SCANCODE_HOME, OV_HOME }, { SDL_SCANCODE_END, OV_END },
        { SDL_SCANCODE_UP, OV_UP }, { SDL_SCANCODE_DOWN, OV_DOWN },
        { SDL_SCANCODE_PAGEUP, OV_PAGE_UP }, { SDL_SCANCODE_PAGEDOWN, OV_PAGE_DOWN },
    };
    if (k->keysym.scancode == SDL_SCANCODE_ESCAPE) {
        overlay_toggle(g);
        return;
    }
    if (k->keysym.scancode == SDL_SCANCODE_U && (k->keysym.mod & KMOD_LCTRL)) {
        overlay_key(&g->ov, OV_KILL_LINE, NULL, 0);
        return;
    }
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (map[i].sc != k->keysym.scancode)
            continue;
        char line[OVERLAY_INPUT];
        if (overlay_key(&g->ov, map[i].key, line, sizeof line))
            overlay_exec(g, line);
        return;
    }
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
        g->redraw = true;
        break;
    case SDL_SCANCODE_M: overlay_toggle(g); break;
    default: break;
    }
}

/* The pointer, buttons and wheel for the guest (not while the overlay is
 * open). */
static void guest_input(struct gui *g, const SDL_Event *e)
{
    struct amberdevs *d = &g->m->devs;
    switch (e->type) {
    case SDL_MOUSEMOTION: /* logical size makes these frame-buffer pixels */
        if (g->skip_motion) {
            g->skip_motion = false;
            break;
        }
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

static void handle(struct gui *g, const SDL_Event *e)
{
    switch (e->type) {
    case SDL_QUIT:
        power_button(g); /* closing the window presses the power button */
        return;
    case SDL_WINDOWEVENT:
        /* When the window appears under the pointer, SDL reports a motion
         * to where it is; the guest's pointer moves when the user moves. */
        if (e->window.event == SDL_WINDOWEVENT_ENTER)
            g->skip_motion = true;
        g->redraw = true; /* exposed, resized, restored... */
        return;
    case SDL_TEXTINPUT:
        if (g->overlay_open)
            overlay_type(&g->ov, e->text.text);
        return;
    case SDL_KEYDOWN:
    case SDL_KEYUP: {
        SDL_Scancode sc = e->key.keysym.scancode;
        bool down = e->type == SDL_KEYDOWN;
        if (sc == HOST_KEY) {
            g->host_key = down;
        } else if (g->host_key) {
            if (down && !e->key.repeat)
                host_command(g, sc);
        } else if (down && g->overlay_open) {
            overlay_keydown(g, &e->key);
        } else if (!e->key.repeat && (unsigned)sc < SDL_NUM_SCANCODES && down != g->guest_down[sc]) {
            /* The guest sees every release of a key it saw pressed, even
             * in the overlay, and no other. SDL scancodes are HID usages. */
            g->guest_down[sc] = down;
            kbd_event(&g->m->devs.kbd, (unsigned)sc, down);
        }
        return;
    }
    default:
        if (!g->overlay_open)
            guest_input(g, e);
        return;
    }
}

/* Stream one run of changed rows into the texture and remember it. */
static void stream_rows(struct gui *g, unsigned y0, unsigned y1)
{
    size_t row = (size_t)g->w * 4;
    SDL_Rect r = { 0, (int)y0, (int)g->w, (int)(y1 - y0) };
    SDL_UpdateTexture(g->tex, &r, g->cur + (size_t)y0 * g->w, (int)row);
    memcpy(g->prev + (size_t)y0 * g->w, g->cur + (size_t)y0 * g->w, row * (y1 - y0));
}

/* Render the picture, stream the runs of rows that changed (rows at most
 * MERGE_GAP apart form one run), and present if anything is new. */
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
    bool changed = false;
    for (unsigned y = 0; y < h; y++) {
        if (!memcmp(g->cur + (size_t)y * w, g->prev + (size_t)y * w, row))
            continue;
        unsigned last = y;
        for (unsigned k = y + 1; k < h && k - last <= MERGE_GAP; k++)
            if (memcmp(g->cur + (size_t)k * w, g->prev + (size_t)k * w, row))
                last = k;
        stream_rows(g, y, last + 1);
        changed = true;
        y = last;
    }
    if (g->overlay_open && g->ov.changed) {
        overlay_render(&g->ov, g->ov_px, w, h, w >= 1024 ? 2 : 1);
        SDL_UpdateTexture(g->ov_tex, NULL, g->ov_px, (int)row);
        changed = true;
    }
    if (!changed && !g->redraw)
        return; /* the window still shows this frame */
    g->redraw = false;
    SDL_RenderClear(g->ren);
    SDL_RenderCopy(g->ren, g->tex, NULL, NULL);
    if (g->overlay_open)
        SDL_RenderCopy(g->ren, g->ov_tex, NULL, NULL);
    SDL_RenderPresent(g->ren);
}

void gui_present(struct gui *g)
{
    present(g);
}

static void update_status(struct gui *g, uint32_t now_ms)
{
    char extra[96], line[320];
    snprintf(extra, sizeof extra, "%s%s | %s+G grab, +M monitor", g->overlay_open ? " | monitor" : g->paused ? " | paused" : "",
             g->grabbed ? " | input grabbed" : "", SDL_GetScancodeName(HOST_KEY));
    status_format(&g->status, g->m, now_ms, extra, line, sizeof line);
    SDL_SetWindowTitle(g->win, line);
    g->last_status = now_ms;
}

/* Each simulated millisecond: take events, present at most every
 * FRAME_MS, update the status line; while paused or in the overlay, stay
 * here (the machine waits). */
static void poll(void *ctx, struct machine *m)
{
    struct gui *g = ctx;
    SDL_Event e;
    status_poll(&g->status, m);
    do {
        while (SDL_PollEvent(&e))
            handle(g, &e);
        uint32_t now = SDL_GetTicks();
        if (now - g->last_frame >= FRAME_MS) {
            present(g);
            g->last_frame = now;
        }
        if (now - g->last_status >= STATUS_MS)
            update_status(g, now);
        if ((g->paused || g->overlay_open) && !g->m->host_quit)
            SDL_WaitEventTimeout(NULL, (int)FRAME_MS);
    } while ((g->paused || g->overlay_open) && !g->m->host_quit);
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
    if (g)
        overlay_init(&g->ov);
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
    status_init(&g->status, m, g->last_status);
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
        if (g->ov_tex)
            SDL_DestroyTexture(g->ov_tex);
        free(g->cur);
        free(g->prev);
        free(g->ov_px);
        if (g->own_dbg && g->m->cpu.hooks == &g->own_dbg->hooks)
            g->m->cpu.hooks = NULL;
        if (g->own_mon && g->own_mon->trace_file)
            fclose(g->own_mon->trace_file);
        free(g->own_mon);
        free(g->own_dbg);
        free(g);
    }
    SDL_Quit();
    return ok;
}
