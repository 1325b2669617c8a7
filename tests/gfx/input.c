/* Reads the keyboard and the mouse, woken by their interrupts through the
 * PLIC, and draws what it gets on a 640x480 display: each typed character
 * as a block whose colour encodes it, each button press as a mark at the
 * pointer, and the pointer itself as the display's hardware cursor. It
 * reports every event on the UART and ends (pass) at Escape with a
 * summary. tests/gfx/check_input.py drives it with a script. */
#include "gfx_guest.h"

#define FB 0x84000000ull
#define WIDTH 640
#define HEIGHT 480
#define STRIDE (WIDTH * 4)
#define BACKGROUND 0x102030u
#define ESCAPE 0x29u
#define HID_LSHIFT_BIT 0x02u
#define HID_RSHIFT_BIT 0x20u

#define MIE_MEIE (1u << 11)

/* US layout from usage 0x1E (1) to 0x38 (/); 0 where no character. */
static const char plain[] = "1234567890\n\0\0\t -=[]\\\0;'`,./";
static const char shifted[] = "!@#$%^&*()\n\0\0\t _+{}|\0:\"~<>?";

static char typed[64];
static unsigned ntyped, clicks;
static int wheel;

static void fill(uint32_t colour, int x, int y, int w, int h)
{
    CMD(GFX_OP_FILL | GFX_ROP_COPY << 8, colour, XY(x, y), XY(w, h));
}

static char char_of(uint32_t usage, uint32_t mods)
{
    int shift = (mods & (HID_LSHIFT_BIT | HID_RSHIFT_BIT)) != 0;
    if (usage >= 0x04 && usage <= 0x1D)
        return (char)((shift ? 'A' : 'a') + (usage - 0x04));
    if (usage >= 0x1E && usage <= 0x38)
        return (shift ? shifted : plain)[usage - 0x1E];
    return 0;
}

/* Block i of the text line: 12 pixels apart, red = the character. */
static void draw_char(char c)
{
    if (ntyped >= sizeof typed - 1)
        return;
    fill((uint32_t)(unsigned char)c << 16 | 0x00A0u, 8 + 12 * (int)ntyped, 8, 10, 16);
    typed[ntyped++] = c;
    gfx_wait_idle();
}

static void key_event(uint32_t ev)
{
    uint32_t usage = ev & 0xFFFF, mods = ev >> 24;
    int down = (ev & KBD_EV_PRESSED) != 0;
    rt_puts(down ? "key down " : "key up ");
    rt_putdec(usage);
    rt_puts(" mods ");
    rt_putdec(mods);
    rt_putc('\n');
    if (!down)
        return;
    if (usage == ESCAPE) {
        rt_puts("typed: ");
        rt_puts(typed);
        rt_puts("\nclicks: ");
        rt_putdec(clicks);
        rt_puts("\nwheel: ");
        rt_putdec(wheel);
        rt_putc('\n');
        rt_exit(0);
    }
    char c = char_of(usage, mods);
    if (c)
        draw_char(c);
}

static void mouse_event(uint32_t *last_buttons)
{
    uint32_t pos = REG32(AMBER_MOUSE_BASE, MOUSE_POS); /* clears CHANGED */
    uint32_t buttons = REG32(AMBER_MOUSE_BASE, MOUSE_BUTTONS);
    int steps = (int32_t)REG32(AMBER_MOUSE_BASE, MOUSE_WHEEL);
    int x = (int)(pos & 0xFFFF), y = (int)(pos >> 16);
    REG32(AMBER_DISPLAY_BASE, DISP_CURSOR_POS) = pos;
    wheel += steps;
    rt_puts("mouse ");
    rt_putdec(x);
    rt_putc(' ');
    rt_putdec(y);
    rt_puts(" buttons ");
    rt_putdec(buttons);
    rt_puts(" wheel ");
    rt_putdec(steps);
    rt_putc('\n');
    uint32_t pressed = buttons & ~*last_buttons;
    *last_buttons = buttons;
    /* A mark where a button went down: left red, right green, others blue. */
    if (pressed) {
        uint32_t colour = pressed & 1 ? 0xFF0000u : pressed & 2 ? 0x00FF00u : 0x0000FFu;
        fill(colour, x - 4, y - 4, 9, 9);
        gfx_wait_idle();
        clicks++;
    }
}

static void setup_display(void)
{
    CMD(GFX_OP_SURFACE | DISP_FMT_XRGB8888 << 8, (uint32_t)FB, (uint32_t)(FB >> 32), STRIDE,
        XY(WIDTH, HEIGHT));
    fill(BACKGROUND, 0, 0, WIDTH, HEIGHT);
    gfx_wait_idle();
    REG32(AMBER_DISPLAY_BASE, DISP_MODE) = WIDTH | HEIGHT << 16;
    REG32(AMBER_DISPLAY_BASE, DISP_FORMAT) = DISP_FMT_XRGB8888;
    REG32(AMBER_DISPLAY_BASE, DISP_STRIDE) = STRIDE;
    REG64(AMBER_DISPLAY_BASE, DISP_FB_BASE) = FB;
    /* The pointer: an 8x8 white square with a black 1-pixel border, hot
     * spot at its top-left corner. */
    for (unsigned r = 0; r < DISP_CURSOR_SIZE; r++) {
        REG32(AMBER_DISPLAY_BASE, DISP_CURSOR_IMAGE + 8 * r) = r < 8 ? 0xFF : 0;
        REG32(AMBER_DISPLAY_BASE, DISP_CURSOR_IMAGE + 8 * r + 4) = r == 0 || r == 7 ? 0 : 0x7E;
    }
    REG32(AMBER_DISPLAY_BASE, DISP_CURSOR_HOT) = 0;
    REG32(AMBER_DISPLAY_BASE, DISP_CURSOR_COLOR0) = 0x000000;
    REG32(AMBER_DISPLAY_BASE, DISP_CURSOR_COLOR1) = 0xFFFFFF;
    REG32(AMBER_DISPLAY_BASE, DISP_CTRL) = DISP_CTRL_ENABLE | DISP_CTRL_CURSOR;
    CHECK(REG32(AMBER_DISPLAY_BASE, DISP_STATUS) == 0);
}

/* Keyboard and mouse interrupts reach the PLIC's M-mode context; the hart
 * sleeps in WFI with mie.MEIE set and mstatus.MIE clear, so an interrupt
 * wakes it without a trap. */
static void setup_interrupts(void)
{
    REG32(AMBER_PLIC_BASE, PLIC_PRIORITY + 4 * PLIC_SRC_KBD) = 1;
    REG32(AMBER_PLIC_BASE, PLIC_PRIORITY + 4 * PLIC_SRC_MOUSE) = 1;
    REG32(AMBER_PLIC_BASE, PLIC_ENABLE) = 1u << PLIC_SRC_KBD | 1u << PLIC_SRC_MOUSE;
    REG32(AMBER_PLIC_BASE, PLIC_THRESHOLD) = 0;
    REG32(AMBER_KBD_BASE, KBD_CTRL) = KBD_CTRL_IRQ;
    REG32(AMBER_MOUSE_BASE, MOUSE_CTRL) = MOUSE_CTRL_IRQ;
    csr_clear(mstatus, 8);
    csr_set(mie, MIE_MEIE);
}

int main(void)
{
    uint32_t buttons = 0;
    setup_display();
    setup_interrupts();
    rt_puts("input: ready\n");
    for (;;) {
        __asm__ volatile("wfi");
        uint32_t src;
        while ((src = REG32(AMBER_PLIC_BASE, PLIC_CLAIM)) != 0) {
            if (src == PLIC_SRC_KBD) {
                while (REG32(AMBER_KBD_BASE, KBD_STATUS) & KBD_STATUS_READY)
                    key_event(REG32(AMBER_KBD_BASE, KBD_DATA));
                CHECK(!(REG32(AMBER_KBD_BASE, KBD_STATUS) & KBD_STATUS_OVERFLOW));
            } else if (src == PLIC_SRC_MOUSE) {
                mouse_event(&buttons);
            }
            REG32(AMBER_PLIC_BASE, PLIC_CLAIM) = src;
        }
    }
}
