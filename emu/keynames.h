/* Names of keyboard keys as USB HID usages (page 7), for scripted input:
 * "a", "enter", "f5", "lshift", "0x2c"... and the keys a US keyboard
 * presses to type a character. */
#ifndef EMU_KEYNAMES_H
#define EMU_KEYNAMES_H

#include <stdbool.h>

#define HID_LSHIFT 0xE1u

/* The usage a name stands for (case does not matter; a number 0x01..0xFFFF
 * is taken as it is); false if none. */
bool key_by_name(const char *name, unsigned *usage);

/* The key that types ch on a US layout, and whether Shift is held; false
 * for characters no key types (controls other than \n and \t, non-ASCII). */
bool key_for_char(char ch, unsigned *usage, bool *shift);

#endif
