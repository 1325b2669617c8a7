#include <signal.h>
#include <stdio.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "host_button.h"

static void force_off(struct host_button *b, const char *why)
{
    if (b->why)
        return;
    b->why = why;
    powerctl_long_press(&b->m->power);
}

static void take_signals(struct host_button *b)
{
    struct signalfd_siginfo si;
    while (b->sigfd >= 0 && read(b->sigfd, &si, sizeof si) == (ssize_t)sizeof si) {
        if (++b->signals == 1) {
            fprintf(stderr, "amber: %s: pressed the power button; the guest has %.0f s (simulated) to "
                    "switch off; again to force the power off\n",
                    si.ssi_signo == SIGINT ? "SIGINT" : "SIGTERM", b->timeout / (double)CORE_HZ);
            powerctl_press(&b->m->power);
        } else {
            force_off(b, "a second signal held the power button down");
        }
    }
}

static void poll(void *ctx, struct machine *m)
{
    struct host_button *b = ctx;
    if (b->inner)
        b->inner(b->inner_ctx, m);
    take_signals(b);
    /* At the end of input, once the guest has read all of it (or has left
     * it unread for the timeout): its last line is typed before the press. */
    if (b->press_at_eof && m->console_eof && !b->eof_pressed) {
        if (b->eof_at == UINT64_MAX)
            b->eof_at = m->cpu.cycle;
        if (m->uart.rx_count == 0 || m->cpu.cycle - b->eof_at >= b->timeout) {
            b->eof_pressed = true;
            powerctl_press(&m->power);
        }
    }
    /* Whoever pressed it, the guest now has its time to switch off. */
    if (!(m->power.status & PWR_EV_BUTTON))
        b->deadline = UINT64_MAX;
    else if (b->deadline == UINT64_MAX)
        b->deadline = m->cpu.cycle + b->timeout;
    if (m->cpu.cycle >= b->deadline)
        force_off(b, "the guest did not switch off in time after the power button");
}

void host_button_attach(struct host_button *b, struct machine *m, bool press_at_eof,
                        bool signals, uint64_t timeout)
{
    *b = (struct host_button){ .m = m, .inner = m->host_poll, .inner_ctx = m->host_ctx,
                               .press_at_eof = press_at_eof, .timeout = timeout,
                               .deadline = UINT64_MAX, .eof_at = UINT64_MAX, .sigfd = -1 };
    if (signals) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGINT);
        sigaddset(&set, SIGTERM);
        if (sigprocmask(SIG_BLOCK, &set, NULL) == 0)
            b->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    }
    m->host_poll = poll;
    m->host_ctx = b;
}

void host_button_power_on(struct host_button *b)
{
    b->deadline = UINT64_MAX;
    /* Input that has ended stays ended: the new power-on gets the press too. */
    b->eof_pressed = false;
    b->eof_at = UINT64_MAX; /* the cycle counter starts again */
    b->why = NULL;
}

void host_button_detach(struct host_button *b)
{
    b->m->host_poll = b->inner;
    b->m->host_ctx = b->inner_ctx;
    /* The signals stay blocked: amber is closing the image and ends. */
    if (b->sigfd >= 0)
        close(b->sigfd);
    b->sigfd = -1;
}
