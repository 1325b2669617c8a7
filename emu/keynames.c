/* Key names and the US layout; usages from the USB HID Usage Tables,
 * keyboard page 7. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "keynames.h"

static const struct {
    const char *name;
    unsigned usage;
} named[] = {
    { "enter", 0x28 }, { "return", 0x28 }, { "escape", 0x29 }, { "esc", 0x29 },
    { "backspace", 0x2A }, { "tab", 0x2B }, { "space", 0x2C }, { "minus", 0x2D },
    { "equal", 0x2E }, { "leftbracket", 0x2F }, { "rightbracket", 0x30 }, { "backslash", 0x31 },
    { "semicolon", 0x33 }, { "apostrophe", 0x34 }, { "grave", 0x35 }, { "comma", 0x36 },
    { "period", 0x37 }, { "slash", 0x38 }, { "capslock", 0x39 },
    { "printscreen", 0x46 }, { "scrolllock", 0x47 }, { "pause", 0x48 }, { "insert", 0x49 },
    { "home", 0x4A }, { "pageup", 0x4B }, { "delete", 0x4C }, { "end", 0x4D },
    { "pagedown", 0x4E }, { "right", 0x4F }, { "left", 0x50 }, { "down", 0x51 }, { "up", 0x52 },
    { "lctrl", 0xE0 }, { "ctrl", 0xE0 }, { "lshift", 0xE1 }, { "shift", 0xE1 },
    { "lalt", 0xE2 }, { "alt", 0xE2 }, { "lgui", 0xE3 }, { "gui", 0xE3 },
    { "rctrl", 0xE4 }, { "rshift", 0xE5 }, { "ralt", 0xE6 }, { "rgui", 0xE7 },
};

/* The unshifted and shifted characters of the keys from 0x1E (1) to 0x38 (/). */
static const char plain[] = "1234567890\n\x1b\b\t -=[]\\#;'`,./";
static const char shifted[] = "!@#$%^&*()\0\0\0\0\0_+{}|\0:\"~<>?";
#define FIRST_SYMBOL_KEY 0x1Eu

bool key_by_name(const char *name, unsigned *usage)
{
    size_t n = strlen(name);
    if (n == 1 && ((name[0] | 0x20) >= 'a' && (name[0] | 0x20) <= 'z')) {
        *usage = 0x04u + (unsigned)((name[0] | 0x20) - 'a');
        return true;
    }
    if (n == 1 && name[0] >= '1' && name[0] <= '9') {
        *usage = 0x1Eu + (unsigned)(name[0] - '1');
        return true;
    }
    if (n == 1 && name[0] == '0') {
        *usage = 0x27;
        return true;
    }
    if ((name[0] == 'f' || name[0] == 'F') && n >= 2 && n <= 3 && strspn(name + 1, "0123456789") == n - 1) {
        int k = atoi(name + 1);
        if (k >= 1 && k <= 12) {
            *usage = 0x3Au + (unsigned)(k - 1);
            return true;
        }
    }
    if (n > 2 && name[0] == '0' && (name[1] | 0x20) == 'x' && strspn(name + 2, "0123456789abcdefABCDEF") == n - 2) {
        unsigned long v = strtoul(name + 2, NULL, 16);
        if (v >= 1 && v <= 0xFFFF) {
            *usage = (unsigned)v;
            return true;
        }
        return false;
    }
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (!strcasecmp(name, named[i].name)) {
            *usage = named[i].usage;
            return true;
        }
    return false;
}

bool key_for_char(char ch, unsigned *usage, bool *shift)
{
    if (ch >= 'a' && ch <= 'z') {
        *usage = 0x04u + (unsigned)(ch - 'a');
        *shift = false;
        return true;
    }
    if (ch >= 'A' && ch <= 'Z') {
        *usage = 0x04u + (unsigned)(ch - 'A');
        *shift = true;
        return true;
    }
    if (ch == '\0')
        return false;
    /* 0x32 (non-US #) is not on a US keyboard: its column in plain is a
     * placeholder that the search below skips. */
    for (unsigned i = 0; i < sizeof plain - 1; i++) {
        if (FIRST_SYMBOL_KEY + i == 0x32)
            continue;
        if (plain[i] == ch || shifted[i] == ch) {
            *usage = FIRST_SYMBOL_KEY + i;
            *shift = shifted[i] == ch;
            return true;
        }
    }
    return false;
}
