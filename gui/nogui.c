/* Built without SDL2: there is no window to open. */
#include <stdio.h>

#include "gui.h"

struct gui *gui_open(struct machine *m, const struct gui_options *opt, char *err, size_t errlen)
{
    (void)m;
    (void)opt;
    snprintf(err, errlen, "this amber was built without SDL2: no window (use --headless)");
    return NULL;
}

void gui_present(struct gui *g)
{
    (void)g;
}

bool gui_close(struct gui *g, char *err, size_t errlen)
{
    (void)g;
    (void)err;
    (void)errlen;
    return true;
}
