#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "debug.h"
#include "gdbstub.h"
#include "lineedit.h"
#include "monitor.h"
#include "net.h"
#include "session.h"

#define PROMPT "(amber) "

/* A monitor connection's input, cut into lines. */
struct lines {
    char buf[LE_LINE_MAX];
    size_t len;
    bool overlong;   /* the current line is too long: drop it to its end */
};

struct session {
    struct machine *m;
    struct debug dbg;
    struct monitor mon;
    struct gdbstub gdb;
    bool stdio, tty, stdio_eof;   /* the monitor on the terminal */
    struct lineedit le;
    struct lines in;              /* stdin that is not a terminal */
    int mon_listen, mon_fd;       /* the monitor on TCP */
    struct lines tcp;
    int gdb_listen, gdb_fd;
    bool gdb_waiting;             /* --gdb-wait, and no debugger came yet */
    int sigfd;                    /* SIGINT, while the terminal monitor is on */
    bool free_run;                /* run with nobody holding the machine */
    bool killed;                  /* GDB killed the target */
    bool stop_asked;              /* a front end wants the running machine stopped */
    sigset_t sigmask;             /* the signal mask before SIGINT was blocked */
};

/* ---- output ---- */

static void close_gdb(struct session *s)
{
    if (s->gdb_fd >= 0)
        close(s->gdb_fd);
    s->gdb_fd = -1;
    /* The debugger is gone, and its breakpoints with it. */
    debug_delete_all(&s->dbg, OWNER_GDB);
}

static void gdb_send(void *ctx, const void *data, size_t len)
{
    struct session *s = ctx;
    if (s->gdb_fd >= 0 && !net_send(s->gdb_fd, data, len))
        close_gdb(s);
}

static void tcp_send(struct session *s, const char *text, size_t len)
{
    if (s->mon_fd >= 0 && !net_send(s->mon_fd, text, len)) {
        close(s->mon_fd);
        s->mon_fd = -1;
    }
}

static void tcp_say(struct session *s, const char *text)
{
    tcp_send(s, text, strlen(text));
}

/* Run one monitor command with its output going to the TCP client. */
static void tcp_exec(struct session *s, const char *line)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f) {
        tcp_say(s, "error: out of memory\n");
        return;
    }
    monitor_exec(&s->mon, line, f);
    fclose(f);
    tcp_send(s, out, len);
    free(out);
}

static void stdio_exec(struct session *s, const char *line)
{
    monitor_exec(&s->mon, line, stdout);
    fflush(stdout);
}

/* ---- line input ---- */

/* Add bytes to a line buffer and call fn for every complete line (NULL for
 * one that was too long). Other control characters, telnet's negotiation
 * among them, are dropped. */
static void take_lines(struct session *s, struct lines *l, const char *data, size_t n,
                       void (*fn)(struct session *, const char *))
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)data[i];
        if (ch == '\n') {
            l->buf[l->len] = '\0';
            fn(s, l->overlong ? NULL : l->buf);
            l->len = 0;
            l->overlong = false;
        } else if (ch == '\t' || (ch >= 0x20 && ch < 0x7f)) {
            if (l->len + 1 < sizeof l->buf)
                l->buf[l->len++] = ch == '\t' ? ' ' : (char)ch;
            else
                l->overlong = true;
        }
    }
}

static void tcp_line(struct session *s, const char *line)
{
    if (!line)
        tcp_say(s, "error: line too long\n");
    else
        tcp_exec(s, line);
    if (!s->mon.quit)
        tcp_say(s, PROMPT);
}

/* While the machine runs, a TCP client can only stop it. */
static void tcp_line_running(struct session *s, const char *line)
{
    if (line && strcmp(line, "stop") == 0)
        s->stop_asked = true;
    else
        tcp_say(s, "error: the machine is running; only stop works now\n");
}

static void stdin_line(struct session *s, const char *line)
{
    if (!line) {
        fputs("error: line too long\n", stdout);
        return;
    }
    if (!s->mon.quit)
        stdio_exec(s, line);
}

/* Read what a socket has; false when the peer has gone. */
static bool receive(int fd, char *buf, size_t size, size_t *n)
{
    ssize_t r = recv(fd, buf, size, MSG_DONTWAIT);
    if (r < 0 && (errno == EAGAIN || errno == EINTR)) {
        *n = 0;
        return true;
    }
    if (r <= 0)
        return false;
    *n = (size_t)r;
    return true;
}

/* ---- connections ---- */

/* True if a new client is now the monitor's. */
static bool accept_monitor(struct session *s)
{
    int fd = net_accept(s->mon_listen);
    if (fd < 0)
        return false;
    if (s->mon_fd >= 0) {
        net_send(fd, "error: another monitor is connected\n", 36);
        close(fd);
        return false;
    }
    s->mon_fd = fd;
    s->tcp.len = 0;
    s->tcp.overlong = false;
    tcp_say(s, "amber monitor: type help for the commands\n");
    return true;
}

static void accept_gdb(struct session *s)
{
    int fd = net_accept(s->gdb_listen);
    if (fd < 0)
        return;
    if (s->gdb_fd >= 0) {
        close(fd); /* one debugger at a time */
        return;
    }
    s->gdb_fd = fd;
    s->gdb_waiting = false;
    gdb_connect(&s->gdb);
}

/* Carry out what GDB's packets ask, until the queue is used up. */
static void serve_gdb(struct session *s)
{
    for (;;) {
        enum gdb_action a = gdb_process(&s->gdb);
        if (a == GDB_NONE || s->gdb_fd < 0)
            return;
        if (a == GDB_CONT || a == GDB_STEP) {
            struct stop st = debug_run(&s->dbg, &(struct run_req){ .steps = a == GDB_STEP });
            gdb_report_stop(&s->gdb, &st);
        } else if (a == GDB_KILL) {
            s->killed = true;
            close_gdb(s);
            return;
        } else { /* detach: the machine goes on without a debugger */
            close_gdb(s);
            return;
        }
    }
}

static void read_gdb(struct session *s)
{
    char buf[4096];
    size_t n;
    if (!receive(s->gdb_fd, buf, sizeof buf, &n) || !gdb_feed(&s->gdb, (uint8_t *)buf, n))
        close_gdb(s);
}

/* ---- the machine's poll: is anyone asking it to stop? ---- */

static bool poll_stop(void *ctx)
{
    struct session *s = ctx;
    struct pollfd p[5];
    int n = 0;
    int isig = -1, igdb = -1, igl = -1, imon = -1, iml = -1;
    if (s->sigfd >= 0)
        isig = n, p[n++] = (struct pollfd){ .fd = s->sigfd, .events = POLLIN };
    if (s->gdb_fd >= 0)
        igdb = n, p[n++] = (struct pollfd){ .fd = s->gdb_fd, .events = POLLIN };
    else if (s->gdb_listen >= 0)
        igl = n, p[n++] = (struct pollfd){ .fd = s->gdb_listen, .events = POLLIN };
    if (s->mon_fd >= 0)
        imon = n, p[n++] = (struct pollfd){ .fd = s->mon_fd, .events = POLLIN };
    else if (s->mon_listen >= 0)
        iml = n, p[n++] = (struct pollfd){ .fd = s->mon_listen, .events = POLLIN };
    if (n == 0 || poll(p, (nfds_t)n, 0) <= 0)
        return false;
    if (isig >= 0 && p[isig].revents) {
        struct signalfd_siginfo si;
        if (read(s->sigfd, &si, sizeof si) > 0)
            s->stop_asked = true;
    }
    if (igdb >= 0 && p[igdb].revents) {
        read_gdb(s);
        if (s->gdb_fd >= 0 && gdb_take_interrupt(&s->gdb))
            s->stop_asked = true;
    }
    if (igl >= 0 && p[igl].revents) {
        accept_gdb(s);
        s->stop_asked |= s->gdb_fd >= 0; /* a debugger attaches to a stopped machine */
    }
    if (imon >= 0 && p[imon].revents) {
        char buf[1024];
        size_t got;
        if (!receive(s->mon_fd, buf, sizeof buf, &got)) {
            close(s->mon_fd);
            s->mon_fd = -1;
        } else {
            take_lines(s, &s->tcp, buf, got, tcp_line_running);
        }
    }
    if (iml >= 0 && p[iml].revents && accept_monitor(s))
        tcp_say(s, "the machine is running: type stop to stop it\n");
    bool stop = s->stop_asked;
    s->stop_asked = false;
    return stop;
}

/* ---- the loop ---- */

/* Is a front end there to tell the machine what to do? */
static bool attended(const struct session *s)
{
    return (s->stdio && !s->stdio_eof) || s->mon_listen >= 0 || s->gdb_fd >= 0 || s->gdb_waiting;
}

static void prompt(struct session *s)
{
    if (s->stdio && !s->stdio_eof && s->tty && !s->mon.quit)
        le_begin(&s->le, PROMPT);
}

static void read_stdin(struct session *s)
{
    char buf[1024];
    ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
    if (n < 0 && errno == EINTR)
        return;
    if (n <= 0) {
        s->stdio_eof = true;
        if (s->tty)
            le_end(&s->le);
        return;
    }
    if (!s->tty) {
        take_lines(s, &s->in, buf, (size_t)n, stdin_line);
        return;
    }
    for (ssize_t i = 0; i < n && !s->stdio_eof && !s->mon.quit; i++) {
        enum le_result r = le_feed(&s->le, (unsigned char)buf[i]);
        if (r == LE_EOF) {
            s->mon.quit = true; /* ^D at an empty prompt, as in gdb */
        } else if (r == LE_LINE) {
            stdio_exec(s, s->le.buf);
            prompt(s);
        }
    }
}

/* Wait for a front end and do what it says. */
static void wait_and_serve(struct session *s)
{
    struct pollfd p[6];
    int n = 0;
    int iin = -1, isig = -1, igdb = -1, igl = -1, imon = -1, iml = -1;
    if (s->stdio && !s->stdio_eof)
        iin = n, p[n++] = (struct pollfd){ .fd = STDIN_FILENO, .events = POLLIN };
    if (s->sigfd >= 0)
        isig = n, p[n++] = (struct pollfd){ .fd = s->sigfd, .events = POLLIN };
    if (s->gdb_fd >= 0)
        igdb = n, p[n++] = (struct pollfd){ .fd = s->gdb_fd, .events = POLLIN };
    if (s->gdb_listen >= 0)
        igl = n, p[n++] = (struct pollfd){ .fd = s->gdb_listen, .events = POLLIN };
    if (s->mon_fd >= 0)
        imon = n, p[n++] = (struct pollfd){ .fd = s->mon_fd, .events = POLLIN };
    if (s->mon_listen >= 0)
        iml = n, p[n++] = (struct pollfd){ .fd = s->mon_listen, .events = POLLIN };
    if (poll(p, (nfds_t)n, -1) <= 0)
        return;
    if (isig >= 0 && p[isig].revents) {
        struct signalfd_siginfo si;
        if (read(s->sigfd, &si, sizeof si) > 0)
            s->mon.quit = true; /* SIGINT while nothing runs: leave */
    }
    if (iin >= 0 && p[iin].revents)
        read_stdin(s);
    if (igl >= 0 && p[igl].revents)
        accept_gdb(s);
    if (igdb >= 0 && p[igdb].revents && s->gdb_fd >= 0) {
        read_gdb(s);
        serve_gdb(s);
    }
    if (iml >= 0 && p[iml].revents && accept_monitor(s))
        tcp_say(s, PROMPT);
    if (imon >= 0 && p[imon].revents && s->mon_fd >= 0) {
        char buf[1024];
        size_t got;
        if (!receive(s->mon_fd, buf, sizeof buf, &got)) {
            close(s->mon_fd);
            s->mon_fd = -1;
        } else {
            take_lines(s, &s->tcp, buf, got, tcp_line);
        }
    }
}

/* The machine runs on its own; tell whoever watches how it stopped. */
static void run_free(struct session *s)
{
    struct stop st = debug_run(&s->dbg, &(struct run_req){ 0 });
    s->free_run = false;
    if (s->stdio && !s->stdio_eof) {
        monitor_report_stop(&s->mon, &st, stdout);
        fflush(stdout);
        prompt(s);
    }
    if (s->mon_fd >= 0) {
        char *out = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&out, &len);
        if (f) {
            monitor_report_stop(&s->mon, &st, f);
            fclose(f);
            tcp_send(s, out, len);
            tcp_say(s, PROMPT);
        }
        free(out);
    }
}

static bool run_script(struct session *s, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return false;
    }
    char line[LE_LINE_MAX + 2];
    while (!s->mon.quit && fgets(line, sizeof line, f)) {
        size_t n = strlen(line);
        if (n && line[n - 1] == '\n')
            line[--n] = '\0';
        else if (!feof(f)) { /* a line too long for the buffer: refuse it whole */
            int ch;
            while ((ch = fgetc(f)) != EOF && ch != '\n')
                ;
            fputs("error: line too long\n", stdout);
            continue;
        }
        printf(PROMPT "%s\n", line);
        fflush(stdout); /* before any trace on stderr */
        stdio_exec(s, line);
    }
    fclose(f);
    return true;
}

static bool setup(struct session *s, const struct session_config *cfg, char *err, size_t errlen)
{
    uint16_t port;
    if (cfg->monitor && strcmp(cfg->monitor, "stdio") == 0) {
        s->stdio = true;
        s->tty = isatty(STDIN_FILENO);
        if (s->tty)
            le_init(&s->le, STDIN_FILENO, STDOUT_FILENO);
        /* Ctrl-C stops the machine instead of ending amber. */
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGINT);
        if (sigprocmask(SIG_BLOCK, &set, &s->sigmask) == 0)
            s->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    } else if (cfg->monitor) {
        s->mon_listen = net_listen(cfg->monitor, &port, err, errlen);
        if (s->mon_listen < 0)
            return false;
        fprintf(stderr, "amber: monitor listening on 127.0.0.1:%u\n", port);
    }
    if (cfg->gdb) {
        s->gdb_listen = net_listen(cfg->gdb, &port, err, errlen);
        if (s->gdb_listen < 0)
            return false;
        s->gdb_waiting = cfg->gdb_wait;
        fprintf(stderr, "amber: gdb stub listening on 127.0.0.1:%u%s\n", port,
                cfg->gdb_wait ? ", waiting for the debugger" : "");
    }
    return true;
}

bool session_run(struct machine *m, const struct symtab *syms, const struct session_config *cfg,
                 enum machine_stop *end, char *err, size_t errlen)
{
    struct session *s = calloc(1, sizeof *s);
    FILE *trace = m->cpu.trace; /* --trace FILE: main's to close */
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    s->m = m;
    s->mon_listen = s->mon_fd = s->gdb_listen = s->gdb_fd = s->sigfd = -1;
    debug_init(&s->dbg, m, cfg->max_insns, stderr);
    monitor_init(&s->mon, m, &s->dbg, syms);
    bool ok = gdb_init(&s->gdb, m, &s->dbg, &s->mon, gdb_send, s);
    if (!ok)
        snprintf(err, errlen, "out of memory");
    ok = ok && setup(s, cfg, err, errlen);
    m->debug_poll = poll_stop;
    m->debug_ctx = s;
    m->monitor = &s->mon;
    fflush(stderr);
    if (ok && cfg->script)
        ok = run_script(s, cfg->script, err, errlen);
    /* The machine starts stopped if anyone is there to start it. */
    s->free_run = !cfg->monitor && !cfg->gdb_wait;
    if (ok)
        prompt(s);
    while (ok && !s->mon.quit && !s->killed) {
        if (s->free_run && !s->dbg.ended) {
            run_free(s);
            continue;
        }
        if (!attended(s)) {
            if (s->dbg.ended)
                break;
            s->free_run = true;
            continue;
        }
        wait_and_serve(s);
    }
    *end = s->dbg.ended ? s->dbg.end : STOP_NONE;
    m->debug_poll = NULL;
    m->monitor = NULL;
    m->cpu.hooks = NULL;
    m->cpu.trace = trace;
    if (s->tty)
        le_free(&s->le);
    if (s->mon.trace_file)
        fclose(s->mon.trace_file);
    if (s->sigfd >= 0)
        sigprocmask(SIG_SETMASK, &s->sigmask, NULL);
    int fds[] = { s->mon_listen, s->mon_fd, s->gdb_listen, s->gdb_fd, s->sigfd };
    for (unsigned i = 0; i < sizeof fds / sizeof fds[0]; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    gdb_free(&s->gdb);
    free(s);
    return ok;
}
