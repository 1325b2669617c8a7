#include "sched.h"

#include "riscv.h"

struct thread {
    struct thread_ctx ctx;
    uint8_t used, persistent;
};

static struct thread threads[MAX_THREADS];
static struct thread boot_thread;
static uint32_t current; /* index into threads */
static int held;
static int favoured, favour_turn; /* 0: nobody (the idle thread is never favoured) */
static uint64_t idle_stack[512] __attribute__((aligned(16)));

extern void ctx_resume(struct thread_ctx *ctx) __attribute__((noreturn));

static void idle(uint64_t arg)
{
    (void)arg;
    for (;;)
        __asm__ volatile("wfi");
}

static void thread_exit(void)
{
    csr_clear(sstatus, SSTATUS_SIE);
    threads[current].used = 0;
    sched_yield();
    csr_set(sstatus, SSTATUS_SIE);
    for (;;)
        __asm__ volatile("wfi");
}

static int free_index(void)
{
    for (uint32_t i = 1; i < MAX_THREADS; i++)
        if (!threads[i].used)
            return (int)i;
    return -1;
}

static void setup(uint32_t i, void (*fn)(uint64_t), uint64_t arg, uint64_t stack_top, int persistent)
{
    struct thread *t = &threads[i];
    *t = (struct thread){0};
    t->used = 1;
    t->persistent = (uint8_t)persistent;
    t->ctx.x[0] = (uint64_t)fn;
    t->ctx.x[1] = (uint64_t)thread_exit;
    t->ctx.x[2] = stack_top;
    t->ctx.x[10] = arg;
    t->ctx.sstatus = SSTATUS_SPP | SSTATUS_SPIE;
    t->ctx.id = i;
}

void sched_init(void)
{
    setup(0, idle, 0, (uint64_t)(idle_stack + 512), 0);
    current = 0;
}

int thread_create(void (*fn)(uint64_t), uint64_t arg, uint64_t stack_top, int persistent)
{
    int i = free_index();
    if (i >= 0)
        setup((uint32_t)i, fn, arg, stack_top, persistent);
    return i;
}

int thread_restore(const struct thread_ctx *ctx)
{
    int i = free_index();
    if (i >= 0)
        threads[i] = (struct thread){.ctx = *ctx, .used = 1, .persistent = 1};
    return i;
}

uint32_t sched_snapshot(struct thread_ctx *out, uint32_t max)
{
    uint32_t n = 0;
    for (uint32_t i = 1; i < MAX_THREADS && n < max; i++)
        if (threads[i].used && threads[i].persistent)
            out[n++] = threads[i].ctx;
    return n;
}

void sched_hold(int hold) { held = hold; }

struct thread_ctx *sched_current(void) { return &threads[current].ctx; }

void sched_favour(int id) { favoured = id; }

struct thread_ctx *sched_next(void)
{
    favour_turn ^= 1;
    if (favoured > 0 && favour_turn && (uint32_t)favoured != current && threads[favoured].used) {
        current = (uint32_t)favoured;
        return &threads[current].ctx;
    }
    for (uint32_t k = 1; k <= MAX_THREADS; k++) {
        uint32_t i = (current + k) % MAX_THREADS;
        if (i != 0 && threads[i].used && !(held && threads[i].persistent)) {
            current = i;
            return &threads[i].ctx;
        }
    }
    current = 0;
    return &threads[0].ctx;
}

void sched_yield(void) { csr_set(sip, MIP_SSIP); }

void sched_start(void)
{
    ctx_resume(sched_next());
}

struct thread_ctx *sched_boot_ctx(void) { return &boot_thread.ctx; }
