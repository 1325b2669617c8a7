#include <ctype.h>
#include <inttypes.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "keynames.h"
#include "monitor_expr.h"
#include "monitor_input.h"

#define MAX_CHORD 8 /* keys in one "key" command: modifiers + the key */
#define MAX_TEXT 1024

static double host_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

bool parse_sim_time(const char *text, uint64_t *cycles)
{
    static const struct {
        const char *unit;
        uint64_t scale;
    } units[] = { { "c", 1 }, { "ns", 1 }, { "us", 1000 }, { "ms", 1000000 }, { "s", 1000000000 } };
    if (!isdigit((unsigned char)text[0]))
        return false;
    uint64_t v = 0;
    const char *p = text;
    for (; isdigit((unsigned char)*p); p++) {
        if (v > (UINT64_MAX - 9) / 10)
            return false;
        v = v * 10 + (uint64_t)(*p - '0');
    }
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (!strcmp(p, units[i].unit)) {
            if (v > UINT64_MAX / units[i].scale)
                return false;
            *cycles = v * units[i].scale;
            return true;
        }
    return false;
}

enum run_result { REACHED, ENDED, STOPPED };

/* Run the machine until cycle target. A breakpoint, a watchpoint, a stop
 * request or the guest's end stops it earlier; that is reported. */
static enum run_result run_to(struct monitor *mon, uint64_t target)
{
    struct machine *m = mon->m;
    if (m->cpu.cycle >= target)
        return REACHED;
    m->stop_at = target;
    double t0 = host_seconds();
    struct stop st = debug_run(mon->dbg, &(struct run_req){ 0 });
    mon->run_seconds += host_seconds() - t0;
    m->stop_at = UINT64_MAX;
    if (st.why == WHY_USER && m->cpu.cycle >= target)
        return REACHED;
    monitor_report_stop(mon, &st, mon->out);
    return st.why == WHY_END ? ENDED : STOPPED;
}

static uint64_t add_sat(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static bool time_arg(struct monitor *mon, const char *text, uint64_t *cycles)
{
    if (!parse_sim_time(text, cycles)) {
        monitor_fail(mon, "bad time '%s' (a whole number with a unit: ns, us, ms, s, or c for cycles)", text);
        return false;
    }
    return true;
}

/* ---- time ---- */

void monitor_cmd_wait(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)rest;
    uint64_t t;
    if (argc != 1) {
        monitor_fail(mon, "usage: wait TIME");
        return;
    }
    if (time_arg(mon, argv[0], &t))
        run_to(mon, add_sat(mon->m->cpu.cycle, t));
}

void monitor_cmd_at(struct monitor *mon, int argc, char **argv, const char *rest)
{
    uint64_t t;
    if (argc < 2) {
        monitor_fail(mon, "usage: at TIME COMMAND");
        return;
    }
    if (!time_arg(mon, argv[0], &t))
        return;
    /* The command as typed: rest after the time and its spaces. */
    const char *cmd = rest;
    while (*cmd && !isspace((unsigned char)*cmd))
        cmd++;
    while (isspace((unsigned char)*cmd))
        cmd++;
    enum run_result r = run_to(mon, t);
    if (r == STOPPED) {
        monitor_fail(mon, "stopped before %s: '%s' not done", argv[0], cmd);
        return;
    }
    monitor_exec(mon, cmd, mon->out);
}

/* ---- keyboard ---- */

static void send_keys(struct monitor *mon, const unsigned *usage, unsigned n, bool down, bool up)
{
    struct kbd *k = &mon->m->devs.kbd;
    if (down)
        for (unsigned i = 0; i < n; i++)
            kbd_event(k, usage[i], true);
    if (up)
        for (unsigned i = n; i-- > 0;)
            kbd_event(k, usage[i], false);
}

void monitor_cmd_key(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)rest;
    if (argc < 1 || argc > 2) {
        monitor_fail(mon, "usage: key NAME[+NAME...] [press|down|up]");
        return;
    }
    const char *how = argc == 2 ? argv[1] : "press";
    bool press = !strcmp(how, "press"), down = !strcmp(how, "down"), up = !strcmp(how, "up");
    if (!press && !down && !up) {
        monitor_fail(mon, "'%s': say press, down or up", how);
        return;
    }
    unsigned usage[MAX_CHORD], n = 0;
    char spec[128];
    if (strlen(argv[0]) >= sizeof spec) {
        monitor_fail(mon, "key name too long");
        return;
    }
    strcpy(spec, argv[0]);
    for (char *name = spec, *end; name; name = end ? end + 1 : NULL) {
        if ((end = strchr(name, '+')))
            *end = '\0';
        if (n == MAX_CHORD) {
            monitor_fail(mon, "at most %d keys at once", MAX_CHORD);
            return;
        }
        if (!key_by_name(name, &usage[n++])) {
            monitor_fail(mon, "unknown key '%s' (names: a..z, 0..9, f1..f12, enter, escape, space, tab, "
                      "backspace, left, right, up, down, lshift, lctrl, lalt, ..., or a HID usage 0xNN)", name);
            return;
        }
    }
    send_keys(mon, usage, n, press || down, press || up);
}

/* The text of a "quoted string" with C's escapes \n \t \b \e \\ \". */
static bool quoted(struct monitor *mon, const char *s, char *out, size_t size)
{
    size_t n = 0;
    if (*s++ != '"') {
        monitor_fail(mon, "usage: type \"TEXT\"");
        return false;
    }
    for (; *s && *s != '"'; s++) {
        char c = *s;
        if (c == '\\') {
            static const char from[] = "ntbe\\\"", to[] = "\n\t\b\x1b\\\"";
            const char *e = s[1] ? strchr(from, s[1]) : NULL;
            if (!e) {
                monitor_fail(mon, "bad escape in the text (known: \\n \\t \\b \\e \\\\ \\\")");
                return false;
            }
            c = to[e - from];
            s++;
        }
        if (n + 1 >= size) {
            monitor_fail(mon, "text too long");
            return false;
        }
        out[n++] = c;
    }
    if (*s != '"' || s[1]) {
        monitor_fail(mon, "usage: type \"TEXT\" (one quoted string)");
        return false;
    }
    out[n] = '\0';
    return true;
}

void monitor_cmd_type(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv;
    char text[MAX_TEXT];
    if (!quoted(mon, rest, text, sizeof text))
        return;
    for (const char *p = text; *p; p++) {
        unsigned u;
        bool shift;
        if (!key_for_char(*p, &u, &shift)) {
            monitor_fail(mon, "no key types the character 0x%02x", (unsigned char)*p);
            return;
        }
    }
    /* Each character with its own key events, then time for the guest to
     * take them, as a fast typist would; once the guest has ended (said
     * once), the rest is only queued. */
    bool running = true;
    for (const char *p = text; *p; p++) {
        unsigned keys[2], n = 0, u;
        bool shift;
        key_for_char(*p, &u, &shift);
        if (shift)
            keys[n++] = HID_LSHIFT;
        keys[n++] = u;
        send_keys(mon, keys, n, true, true);
        if (!running)
            continue;
        enum run_result r = run_to(mon, add_sat(mon->m->cpu.cycle, TYPE_GAP_CYCLES));
        if (r == STOPPED) {
            monitor_fail(mon, "stopped after %zu of %zu characters", (size_t)(p - text + 1), strlen(text));
            return;
        }
        running = r == REACHED;
    }
}

/* ---- mouse ---- */

static bool number(struct monitor *mon, const char *text, int64_t lo, int64_t hi, const char *what, int64_t *v)
{
    struct expr e;
    char err[160];
    uint64_t u;
    if (!expr_parse(&e, text, mon->syms, err, sizeof err) || !expr_eval(&e, mon->m, &u, err, sizeof err)) {
        monitor_fail(mon, "%s", err);
        return false;
    }
    *v = (int64_t)u;
    if (*v < lo || *v > hi) {
        monitor_fail(mon, "%s must be %" PRId64 " to %" PRId64, what, lo, hi);
        return false;
    }
    return true;
}

static bool button_arg(struct monitor *mon, const char *text, unsigned *b)
{
    static const char *const names[] = { "left", "right", "middle", "back", "forward" };
    for (unsigned i = 0; i < 5; i++)
        if (!strcasecmp(text, names[i]) || (text[0] == (char)('0' + i) && !text[1])) {
            *b = i;
            return true;
        }
    monitor_fail(mon, "unknown button '%s' (left, right, middle, back, forward or 0..4)", text);
    return false;
}

void monitor_cmd_mouse(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)rest;
    struct mouse *ms = &mon->m->devs.mouse;
    int64_t x, y, n;
    unsigned b;
    if (argc == 3 && !strcmp(argv[0], "move")) {
        if (number(mon, argv[1], 0, 0xFFFF, "x", &x) && number(mon, argv[2], 0, 0xFFFF, "y", &y))
            mouse_move(ms, (unsigned)x, (unsigned)y);
    } else if (argc == 3 && !strcmp(argv[0], "button")) {
        bool down = !strcmp(argv[2], "down");
        if (!down && strcmp(argv[2], "up"))
            monitor_fail(mon, "'%s': say down or up", argv[2]);
        else if (button_arg(mon, argv[1], &b))
            mouse_button(ms, b, down);
    } else if (argc == 2 && !strcmp(argv[0], "wheel")) {
        if (number(mon, argv[1], -0x7FFFFFFF, 0x7FFFFFFF, "the steps", &n))
            mouse_wheel(ms, (int)n);
    } else {
        monitor_fail(mon, "usage: mouse move X Y | mouse button BUTTON down|up | mouse wheel N");
    }
}
