#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "csr.h"
#include "debug.h"
#include "xamber.h"

static const char *const priv_letter = "US?M";

const char *debug_end_text(enum machine_stop s)
{
    switch (s) {
    case STOP_PASS: return "the guest passed";
    case STOP_FAIL: return "the guest failed";
    case STOP_LIMIT: return "the instruction limit was reached";
    case STOP_HUNG: return "the guest waits for an interrupt that cannot arrive";
    case STOP_STUCK: return "the guest is stuck: its trap handler traps at once";
    case STOP_POWER_CUT: return "the power was cut";
    case STOP_QUIT: return "the machine was switched off";
    default: return "the machine stopped";
    }
}

const char *debug_cause_name(uint64_t cause)
{
    static const char *const exc[16] = {
        "instruction address misaligned", "instruction access fault", "illegal instruction",
        "breakpoint", "load address misaligned", "load access fault",
        "store address misaligned", "store access fault", "ecall from U", "ecall from S",
        NULL, "ecall from M", "instruction page fault", "load page fault", NULL,
        "store page fault",
    };
    static const char *const irq[12] = {
        NULL, "supervisor software interrupt", NULL, "machine software interrupt",
        NULL, "supervisor timer interrupt", NULL, "machine timer interrupt",
        NULL, "supervisor external interrupt", NULL, "machine external interrupt",
    };
    uint64_t code = cause & ~MCAUSE_INTERRUPT;
    if (cause & MCAUSE_INTERRUPT)
        return code < 12 ? irq[code] : NULL;
    if (code < 16)
        return exc[code];
    switch (code) {
    case AM_CAUSE_TYPE: return "xamber type check";
    case AM_CAUSE_OVERFLOW: return "xamber fixnum overflow";
    case AM_CAUSE_ACCESS: return "xamber access check";
    case AM_CAUSE_FORGE: return "xamber pointer forge";
    case AM_CAUSE_ALLOC: return "xamber allocation limit";
    default: return NULL;
    }
}

/* Slot of the breakpoint at addr, or -1. */
static int break_slot(const struct debug *d, uint64_t addr)
{
    for (unsigned i = 0; i < DEBUG_MAX_POINTS && d->nbreak; i++)
        if (d->pt[i].id && !d->pt[i].watch && d->pt[i].addr == addr)
            return (int)i;
    return -1;
}

/* ---- the observers the CPU calls (struct cpu_hooks) ---- */

static struct debug *of_hooks(struct cpu_hooks *h)
{
    return (struct debug *)((char *)h - offsetof(struct debug, hooks));
}

static void on_access(struct cpu_hooks *h, const struct mem_event *e)
{
    struct debug *d = of_hooks(h);
    struct cpu *c = &d->m->cpu;
    unsigned want = e->device ? TRACE_MMIO : TRACE_MEM;
    if (d->trace & want) {
        fprintf(d->trace_out, "%s %c 0x%016" PRIx64 " %s %u 0x%016" PRIx64 " (pa 0x%" PRIx64 ")",
                e->device ? "mmio" : "mem ", priv_letter[c->priv & 3], c->pc,
                e->acc == ACC_WRITE ? "store" : "load ", e->size, e->va, e->pa);
        if (e->has_val)
            fprintf(d->trace_out, " = 0x%" PRIx64, e->val);
        fputc('\n', d->trace_out);
    }
}

/* Before an access that will succeed: stop before its instruction? Like
 * RISC-V debug triggers, and as GDB expects of RISC-V, a watchpoint fires
 * before the access; the instruction runs when the machine goes on. */
static bool on_watch(struct cpu_hooks *h, uint64_t va, unsigned size, unsigned kinds)
{
    struct debug *d = of_hooks(h);
    if (d->resumed || d->stopped)
        return false;
    for (unsigned i = 0; i < DEBUG_MAX_POINTS && d->nwatch; i++) {
        struct point *p = &d->pt[i];
        if (!p->id || !p->watch || !(p->kinds & kinds))
            continue;
        /* Overlap of [va, va+size) and [addr, addr+len). */
        if (va - p->addr < p->len || p->addr - va < size) {
            p->hits++;
            d->stopped = true;
            d->st.why = WHY_WATCH;
            d->st.id = p->id;
            d->st.acc = (p->kinds & kinds & WATCH_WRITE) ? ACC_WRITE : ACC_READ;
            d->st.addr = va > p->addr ? va : p->addr;
            return true;
        }
    }
    return false;
}

static void on_trap(struct cpu_hooks *h, uint64_t cause, uint64_t epc, uint64_t tval,
                    unsigned from)
{
    struct debug *d = of_hooks(h);
    const struct cpu *c = &d->m->cpu;
    if (!(d->trace & TRACE_TRAP))
        return;
    const char *name = debug_cause_name(cause);
    fprintf(d->trace_out, "trap %c->%c cause 0x%" PRIx64 " (%s) epc 0x%016" PRIx64
            " tval 0x%" PRIx64 " -> 0x%016" PRIx64 "\n",
            priv_letter[from & 3], priv_letter[c->priv & 3], cause, name ? name : "reserved",
            epc, tval, c->pc);
}

/* Called before every instruction while stepping: stop before this one? */
static bool on_insn(struct cpu_hooks *h, uint64_t pc)
{
    struct debug *d = of_hooks(h);
    const struct cpu *c = &d->m->cpu;
    int bp;
    d->insn_cycle = c->cycle;
    d->insn_resv = c->resv_addr;
    d->insn_boundary = c->boundary;
    d->resumed = false;
    if (d->first) {
        d->first = false;
        if (pc == d->start_pc && c->instret == d->start_instret) {
            d->resumed = true;
            return false; /* where the run resumes: no stop, not a step */
        }
    }
    d->st.steps++; /* one instruction, or the entry to a trap, is done */
    if ((bp = break_slot(d, pc)) >= 0) {
        d->pt[bp].hits++;
        d->st.why = WHY_BREAK;
        d->st.id = d->pt[bp].id;
    } else if (d->req.steps && d->st.steps >= d->req.steps) {
        d->st.why = WHY_STEPS;
    } else if (d->req.cond && d->req.cond(d->req.ctx)) {
        d->st.why = WHY_COND;
    } else {
        return false;
    }
    d->stopped = true;
    return true;
}

/* Install or remove the hooks to match what is being watched and traced. */
static void update_hooks(struct debug *d)
{
    struct cpu *c = &d->m->cpu;
    bool ram = d->nwatch || (d->trace & TRACE_MEM);
    bool any = ram || c->debug || (d->trace & (TRACE_MMIO | TRACE_TRAP));
    if (ram && !(c->hooks && c->hooks->ram))
        mmu_flush(c); /* from now on no data page may hit in the TLB */
    d->hooks.ram = ram;
    c->hooks = any ? &d->hooks : NULL;
    c->trace = (d->trace & TRACE_INSN) ? d->trace_out : NULL;
}

void debug_init(struct debug *d, struct machine *m, uint64_t max_insns, FILE *trace_out)
{
    memset(d, 0, sizeof *d);
    d->m = m;
    d->hooks.access = on_access;
    d->hooks.trap = on_trap;
    d->hooks.insn = on_insn;
    d->hooks.watch = on_watch;
    d->next_id = 1;
    d->max_insns = max_insns;
    d->trace_out = trace_out;
    if (m->cpu.trace) { /* --trace FILE: instruction trace from the start */
        d->trace_out = m->cpu.trace;
        d->trace = TRACE_INSN;
    }
    update_hooks(d);
}

/* ---- breakpoints and watchpoints ---- */

static unsigned add(struct debug *d, struct point p)
{
    for (unsigned i = 0; i < DEBUG_MAX_POINTS; i++) {
        if (d->pt[i].id)
            continue;
        p.id = d->next_id++;
        d->pt[i] = p;
        if (p.watch)
            d->nwatch++;
        else
            d->nbreak++;
        update_hooks(d);
        return p.id;
    }
    return 0;
}

unsigned debug_add_break(struct debug *d, uint64_t addr, unsigned kinds, enum point_owner owner)
{
    return add(d, (struct point){ .addr = addr, .kinds = kinds & BREAK_HW, .owner = owner });
}

unsigned debug_add_watch(struct debug *d, uint64_t addr, uint64_t len, unsigned kinds,
                         enum point_owner owner)
{
    if (len == 0 || addr + len - 1 < addr || !(kinds & (WATCH_READ | WATCH_WRITE)))
        return 0;
    return add(d, (struct point){ .watch = true, .addr = addr, .len = len,
                                  .kinds = kinds & (WATCH_READ | WATCH_WRITE), .owner = owner });
}

static void drop(struct debug *d, struct point *p)
{
    if (p->watch)
        d->nwatch--;
    else
        d->nbreak--;
    p->id = 0;
}

bool debug_delete(struct debug *d, unsigned id)
{
    for (unsigned i = 0; i < DEBUG_MAX_POINTS; i++) {
        if (id && d->pt[i].id == id) {
            drop(d, &d->pt[i]);
            update_hooks(d);
            return true;
        }
    }
    return false;
}

bool debug_delete_match(struct debug *d, bool watch, uint64_t addr, uint64_t len, unsigned kinds,
                        enum point_owner owner)
{
    for (unsigned i = 0; i < DEBUG_MAX_POINTS; i++) {
        struct point *p = &d->pt[i];
        if (p->id && p->owner == owner && p->watch == watch && p->addr == addr &&
            p->kinds == kinds && (!watch || p->len == len)) {
            drop(d, p);
            update_hooks(d);
            return true;
        }
    }
    return false;
}

void debug_delete_all(struct debug *d, enum point_owner owner)
{
    for (unsigned i = 0; i < DEBUG_MAX_POINTS; i++)
        if (d->pt[i].id && d->pt[i].owner == owner)
            drop(d, &d->pt[i]);
    update_hooks(d);
}

const struct point *debug_point(const struct debug *d, unsigned id)
{
    for (unsigned i = 0; i < DEBUG_MAX_POINTS; i++)
        if (id && d->pt[i].id == id)
            return &d->pt[i];
    return NULL;
}

const struct point *debug_break_at(const struct debug *d, uint64_t addr)
{
    int i = break_slot(d, addr);
    return i < 0 ? NULL : &d->pt[i];
}

void debug_set_trace(struct debug *d, unsigned kinds, bool on)
{
    d->trace = on ? d->trace | kinds : d->trace & ~kinds;
    update_hooks(d);
}

void debug_set_trace_file(struct debug *d, FILE *f)
{
    d->trace_out = f;
    update_hooks(d);
}

/* ---- run control ---- */

void debug_reset_end(struct debug *d)
{
    d->ended = false;
}

struct stop debug_run(struct debug *d, const struct run_req *r)
{
    struct machine *m = d->m;
    struct cpu *c = &m->cpu;
    if (d->ended)
        return (struct stop){ .why = WHY_END, .end = d->end };
    d->req = *r;
    d->st = (struct stop){ .why = WHY_USER };
    d->stopped = false;
    d->first = true;
    d->start_pc = c->pc;
    d->start_instret = c->instret;
    /* Memory traces step too, so that each access is reported with the pc
     * of its own instruction. */
    c->debug = r->steps || r->cond || d->nbreak || d->nwatch || (d->trace & (TRACE_MEM | TRACE_MMIO));
    update_hooks(d);
    enum machine_stop s = machine_run(m, d->max_insns);
    c->debug = false;
    update_hooks(d);
    if (s == STOP_BREAK && d->stopped && d->st.why == WHY_WATCH) {
        /* The instruction did not run: as if it had not begun (not even at
         * a place where interrupts are taken, if it was not one). */
        c->cycle = d->insn_cycle;
        c->resv_addr = d->insn_resv;
        c->boundary = d->insn_boundary;
    }
    if (s != STOP_BREAK) {
        d->ended = true;
        d->end = s;
        d->st.why = WHY_END;
        d->st.end = s;
    } else if (!d->stopped) {
        d->st.why = WHY_USER;
    }
    return d->st;
}
