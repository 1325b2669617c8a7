/* The host cost of presenting frames in the SDL window (docs/performance.md,
 * "Presenting frames"): a 1024x768 XRGB8888 frame buffer in DRAM, changed
 * between frames the way a guest would change it, presented with
 * gui_present; reports this process's CPU time and the wall time per frame.
 * Run it under a display, e.g. xvfb-run (`ninja -C BUILD bench-present`).
 *
 *   present [FRAMES]
 */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gui.h"
#include "machine.h"

#define W 1024u
#define H 768u
#define FB_OFFSET 0x1000000u /* in DRAM */
#define BOX 32u

static double seconds(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void box(uint32_t *fb, unsigned x, unsigned y, uint32_t colour)
{
    for (unsigned r = 0; r < BOX; r++)
        for (unsigned c = 0; c < BOX; c++)
            fb[(size_t)(y + r) * W + x + c] = colour;
}

enum scene { IDLE, MOVING_BOX, FULL_SCREEN };

/* Change the frame buffer as scene s does in frame i. */
static void change(uint32_t *fb, enum scene s, unsigned i)
{
    switch (s) {
    case IDLE:
        break;
    case MOVING_BOX: { /* a 32x32 box crossing the screen diagonally, 4 pixels a frame */
        unsigned span = H - BOX, x0 = (4 * i) % span, x1 = (4 * (i + 1)) % span;
        box(fb, x0, x0, 0x203040);
        box(fb, x1, x1, 0xFFC000);
        break;
    }
    case FULL_SCREEN:
        for (size_t p = 0; p < (size_t)W * H; p++)
            fb[p] = (uint32_t)(i * 0x010305u + p);
        break;
    }
}

int main(int argc, char **argv)
{
    unsigned frames = argc > 1 ? (unsigned)atoi(argv[1]) : 600;
    struct machine *m = calloc(1, sizeof *m);
    struct machine_config cfg = { .dram_size = 64u << 20 };
    static struct chardev quiet;
    if (!frames || !m || !machine_init(m, &cfg, &quiet)) {
        fprintf(stderr, "usage: present [FRAMES]; or no memory\n");
        return 2;
    }
    uint32_t *fb = (uint32_t *)(m->dram + FB_OFFSET);
    struct display *d = &m->devs.display;
    d->width = W;
    d->height = H;
    d->stride = W * 4;
    d->fb_next = d->fb_cur = AMBER_DRAM_BASE + FB_OFFSET;
    d->ctrl = DISP_CTRL_ENABLE;
    for (size_t p = 0; p < (size_t)W * H; p++)
        fb[p] = 0x203040;
    char err[256];
    struct gui *g = gui_open(m, &(struct gui_options){ .scale = 1 }, err, sizeof err);
    if (!g) {
        fprintf(stderr, "present: %s\n", err);
        return 2;
    }
    SDL_RendererInfo info = { .name = "?" };
    SDL_Renderer *r = SDL_GetRenderer(SDL_GetWindowFromID(1));
    if (r)
        SDL_GetRendererInfo(r, &info);
    printf("video driver %s, renderer %s, %ux%u XRGB8888, %u frames per scene\n", SDL_GetCurrentVideoDriver(),
           info.name, W, H, frames);
    static const char *const names[] = { "idle screen", "moving 32x32 box", "full-screen change" };
    for (enum scene s = IDLE; s <= FULL_SCREEN; s++) {
        gui_present(g); /* start from a presented frame */
        double cpu = 0, wall = 0;
        for (unsigned i = 0; i < frames; i++) {
            change(fb, s, i); /* the guest's work, not counted */
            double c0 = seconds(CLOCK_PROCESS_CPUTIME_ID), w0 = seconds(CLOCK_MONOTONIC);
            gui_present(g);
            cpu += seconds(CLOCK_PROCESS_CPUTIME_ID) - c0;
            wall += seconds(CLOCK_MONOTONIC) - w0;
        }
        printf("%-20s host CPU %7.3f ms/frame, wall %7.3f ms/frame (CPU at 60 fps: %5.1f%% of a core)\n",
               names[s], cpu * 1e3 / frames, wall * 1e3 / frames, cpu / frames * 60 * 100);
    }
    gui_close(g, err, sizeof err);
    machine_free(m);
    free(m);
    return 0;
}
