#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debug_mem.h"
#include "gdbstub.h"
#include "isa_ops.h"

#define MAX_CSRS 128
#define REPLY_MAX (2 * GDB_PACKET_MAX + 64)
#define MEM_MAX (GDB_PACKET_MAX / 2 - 16) /* the most bytes one m packet returns */

/* Register numbers in the target description: x0..x31, pc, the CSRs in
 * dbg_csr_list order, then priv. */
enum { REG_PC_NUM = 32, REG_CSR_FIRST = 33 };

static const char hexdigit[] = "0123456789abcdef";

/* ---- sending ---- */

/* Send one packet: '$', the data with the characters RSP reserves escaped,
 * '#', the checksum. */
static void send_packet(struct gdbstub *g, const char *data, size_t len)
{
    char *out = g->reply + REPLY_MAX; /* the second half of the scratch area */
    size_t n = 0;
    uint8_t sum = 0;
    out[n++] = '$';
    for (size_t i = 0; i < len && n < REPLY_MAX - 4; i++) {
        uint8_t c = (uint8_t)data[i];
        if (c == '$' || c == '#' || c == '}' || c == '*') {
            out[n++] = '}';
            sum += '}';
            c ^= 0x20;
        }
        out[n++] = (char)c;
        sum += c;
    }
    out[n++] = '#';
    out[n++] = hexdigit[sum >> 4];
    out[n++] = hexdigit[sum & 15];
    g->send(g->send_ctx, out, n);
}

static void reply(struct gdbstub *g, const char *s)
{
    send_packet(g, s, strlen(s));
}

static void replyf(struct gdbstub *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(g->reply, REPLY_MAX, fmt, ap);
    va_end(ap);
    send_packet(g, g->reply, n < 0 ? 0 : (size_t)n < REPLY_MAX ? (size_t)n : REPLY_MAX - 1);
}

/* ---- parsing helpers (all bounded by the packet's end) ---- */

struct cursor {
    const char *p, *end;
};

static int hexval(int c)
{
    return isdigit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
}

/* A hex number of 1..16 digits. */
static bool hex_u64(struct cursor *c, uint64_t *v)
{
    unsigned n = 0;
    *v = 0;
    while (c->p < c->end && hexval((unsigned char)*c->p) >= 0) {
        if (++n > 16)
            return false;
        *v = *v << 4 | (uint64_t)hexval((unsigned char)*c->p++);
    }
    return n > 0;
}

static bool expect(struct cursor *c, char ch)
{
    if (c->p < c->end && *c->p == ch) {
        c->p++;
        return true;
    }
    return false;
}

static bool at_end(const struct cursor *c)
{
    return c->p == c->end;
}

static bool starts(const struct cursor *c, const char *s)
{
    size_t n = strlen(s);
    return (size_t)(c->end - c->p) >= n && memcmp(c->p, s, n) == 0;
}

/* A register value in target byte order (little-endian), 16 hex digits. */
static bool hex_reg(struct cursor *c, uint64_t *v)
{
    if (c->end - c->p < 16)
        return false;
    *v = 0;
    for (int i = 0; i < 8; i++) {
        int hi = hexval((unsigned char)c->p[2 * i]), lo = hexval((unsigned char)c->p[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        *v |= (uint64_t)(hi << 4 | lo) << (8 * i);
    }
    c->p += 16;
    return true;
}

static char *put_reg(char *out, uint64_t v)
{
    for (int i = 0; i < 8; i++, v >>= 8) {
        *out++ = hexdigit[(v >> 4) & 15];
        *out++ = hexdigit[v & 15];
    }
    return out;
}

/* ---- registers ---- */

static unsigned csr_list(struct gdbstub *g, unsigned *csrs)
{
    return dbg_csr_list(&g->m->cpu, csrs, MAX_CSRS);
}

static bool read_reg(struct gdbstub *g, uint64_t n, uint64_t *v)
{
    struct cpu *c = &g->m->cpu;
    unsigned csrs[MAX_CSRS], count = csr_list(g, csrs);
    if (n < 32)
        *v = c->x[n];
    else if (n == REG_PC_NUM)
        *v = c->pc;
    else if (n < REG_CSR_FIRST + count)
        return dbg_csr_read(c, csrs[n - REG_CSR_FIRST], v);
    else if (n == REG_CSR_FIRST + count)
        *v = c->priv;
    else
        return false;
    return true;
}

static bool write_reg(struct gdbstub *g, uint64_t n, uint64_t v)
{
    struct cpu *c = &g->m->cpu;
    unsigned csrs[MAX_CSRS], count = csr_list(g, csrs);
    if (n == 0)
        return true; /* x0 stays zero */
    if (n < 32)
        c->x[n] = v;
    else if (n == REG_PC_NUM)
        c->pc = v & ~1ull;
    else if (n < REG_CSR_FIRST + count)
        return dbg_csr_write(c, csrs[n - REG_CSR_FIRST], v);
    else if (n == REG_CSR_FIRST + count && (v == PRIV_U || v == PRIV_S || v == PRIV_M))
        cpu_set_priv(c, (unsigned)v);
    else
        return false;
    return true;
}

/* The target description: GDB's names for the RISC-V registers, and every
 * CSR the machine implements in the csr feature. */
static size_t target_xml(struct gdbstub *g, char *out, size_t size)
{
    unsigned csrs[MAX_CSRS], count = csr_list(g, csrs);
    size_t n = 0;
#define ADD(...) (n += (size_t)snprintf(out + n, n < size ? size - n : 0, __VA_ARGS__))
    ADD("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
        "<target version=\"1.0\">\n<architecture>riscv:rv64</architecture>\n"
        "<feature name=\"org.gnu.gdb.riscv.cpu\">\n");
    for (unsigned i = 0; i < 32; i++)
        ADD("<reg name=\"%s\" bitsize=\"64\" type=\"%s\" regnum=\"%u\"/>\n", i == 8 ? "fp" : isa_reg_name[i],
            i == 1 ? "code_ptr" : i == 2 || i == 8 ? "data_ptr" : "int", i);
    ADD("<reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\" regnum=\"%d\"/>\n</feature>\n"
        "<feature name=\"org.gnu.gdb.riscv.csr\">\n", REG_PC_NUM);
    for (unsigned i = 0; i < count; i++)
        ADD("<reg name=\"%s\" bitsize=\"64\" type=\"int\" regnum=\"%u\"/>\n", isa_csr_name(csrs[i]),
            REG_CSR_FIRST + i);
    ADD("</feature>\n<feature name=\"org.gnu.gdb.riscv.virtual\">\n"
        "<reg name=\"priv\" bitsize=\"64\" type=\"int\" regnum=\"%u\"/>\n</feature>\n</target>\n",
        REG_CSR_FIRST + count);
#undef ADD
    return n < size ? n : size - 1;
}

/* ---- packets ---- */

static void handle_query(struct gdbstub *g, struct cursor *c)
{
    if (starts(c, "qSupported")) {
        replyf(g, "PacketSize=%x;qXfer:features:read+;swbreak+;hwbreak+;QStartNoAckMode+;vContSupported+",
               GDB_PACKET_MAX);
    } else if (starts(c, "qXfer:features:read:target.xml:")) {
        c->p += strlen("qXfer:features:read:target.xml:");
        uint64_t off, len;
        char *xml = g->reply + REPLY_MAX / 2;
        size_t total = target_xml(g, xml, REPLY_MAX / 2);
        if (!hex_u64(c, &off) || !expect(c, ',') || !hex_u64(c, &len) || !at_end(c)) {
            reply(g, "E01");
            return;
        }
        if (off > total) {
            reply(g, "E01");
            return;
        }
        if (len > GDB_PACKET_MAX - 8)
            len = GDB_PACKET_MAX - 8;
        size_t n = total - off < len ? total - off : len;
        g->reply[0] = off + n < total ? 'm' : 'l';
        memmove(g->reply + 1, xml + off, n);
        send_packet(g, g->reply, n + 1);
    } else if (starts(c, "qXfer:")) {
        reply(g, "E00");
    } else if (starts(c, "qAttached")) {
        reply(g, "1");
    } else if (starts(c, "qC")) {
        reply(g, "QC1");
    } else if (starts(c, "qfThreadInfo")) {
        reply(g, "m1");
    } else if (starts(c, "qsThreadInfo")) {
        reply(g, "l");
    } else if (starts(c, "qSymbol")) {
        reply(g, "OK");
    } else if (starts(c, "qRcmd,")) {
        /* "monitor CMD": the command in hex; the output goes back in hex. */
        c->p += strlen("qRcmd,");
        if (!g->mon) {
            reply(g, "E01");
            return;
        }
        char cmd[1024];
        size_t n = 0;
        while (c->end - c->p >= 2 && n < sizeof cmd - 1) {
            int hi = hexval((unsigned char)c->p[0]), lo = hexval((unsigned char)c->p[1]);
            if (hi < 0 || lo < 0)
                break;
            cmd[n++] = (char)(hi << 4 | lo);
            c->p += 2;
        }
        cmd[n] = '\0';
        if (!at_end(c) || memchr(cmd, '\0', n)) {
            reply(g, "E01");
            return;
        }
        char *out = NULL;
        size_t outlen = 0;
        FILE *f = open_memstream(&out, &outlen);
        if (!f) {
            reply(g, "E01");
            return;
        }
        monitor_exec(g->mon, cmd, f);
        fclose(f);
        if (outlen == 0) {
            reply(g, "OK");
        } else {
            size_t k = 0;
            for (size_t i = 0; i < outlen && k + 2 < REPLY_MAX; i++) {
                g->reply[k++] = hexdigit[(uint8_t)out[i] >> 4];
                g->reply[k++] = hexdigit[(uint8_t)out[i] & 15];
            }
            send_packet(g, g->reply, k);
        }
        free(out);
    } else {
        reply(g, ""); /* qOffsets, qTStatus and the rest: not supported */
    }
}

static void handle_mem(struct gdbstub *g, struct cursor *c, char kind)
{
    uint64_t addr, len, at;
    const char *why;
    if (!hex_u64(c, &addr) || !expect(c, ',') || !hex_u64(c, &len)) {
        reply(g, "E01");
        return;
    }
    if (kind == 'm') {
        if (!at_end(c) || len > MEM_MAX) {
            reply(g, "E01");
            return;
        }
        uint8_t *buf = (uint8_t *)g->reply + REPLY_MAX / 2;
        if (!dbg_read(g->m, addr, false, buf, len, &at, &why)) {
            reply(g, "E01");
            return;
        }
        for (uint64_t i = 0; i < len; i++) {
            g->reply[2 * i] = hexdigit[buf[i] >> 4];
            g->reply[2 * i + 1] = hexdigit[buf[i] & 15];
        }
        send_packet(g, g->reply, 2 * len);
        return;
    }
    if (!expect(c, ':') || len > GDB_PACKET_MAX) {
        reply(g, "E01");
        return;
    }
    uint8_t *buf = (uint8_t *)g->reply;
    if (kind == 'M') {
        if ((uint64_t)(c->end - c->p) != 2 * len) {
            reply(g, "E01");
            return;
        }
        for (uint64_t i = 0; i < len; i++) {
            int hi = hexval((unsigned char)c->p[2 * i]), lo = hexval((unsigned char)c->p[2 * i + 1]);
            if (hi < 0 || lo < 0) {
                reply(g, "E01");
                return;
            }
            buf[i] = (uint8_t)(hi << 4 | lo);
        }
    } else { /* X: binary, already unescaped */
        if ((uint64_t)(c->end - c->p) != len) {
            reply(g, "E01");
            return;
        }
        memcpy(buf, c->p, len);
    }
    if (len && !dbg_write(g->m, addr, false, buf, len, &at, &why)) {
        reply(g, "E01");
        return;
    }
    reply(g, "OK");
}

static void handle_point(struct gdbstub *g, struct cursor *c, bool insert)
{
    uint64_t type, addr, kind;
    if (!hex_u64(c, &type) || !expect(c, ',') || !hex_u64(c, &addr) || !expect(c, ',') ||
        !hex_u64(c, &kind) || type > 4) {
        reply(g, "E01");
        return;
    }
    /* Conditions and commands after ';' are not supported: GDB evaluates
     * them itself when the stub does not claim to. */
    static const unsigned watch_kinds[5] = { 0, 0, WATCH_WRITE, WATCH_READ, WATCH_READ | WATCH_WRITE };
    bool watch = type >= 2, ok;
    unsigned kinds = watch ? watch_kinds[type] : type == 1 ? BREAK_HW : 0;
    if (insert) {
        if (watch && (kind == 0 || kind > (1u << 30)))
            ok = false;
        else if (watch)
            ok = debug_add_watch(g->dbg, addr, kind, kinds, OWNER_GDB) != 0;
        else
            ok = debug_add_break(g->dbg, addr, kinds, OWNER_GDB) != 0;
    } else {
        /* Removing what is not there succeeds: GDB may retry a removal. */
        debug_delete_match(g->dbg, watch, addr, kind, kinds, OWNER_GDB);
        ok = true;
    }
    reply(g, ok ? "OK" : "E01");
}

/* c, s, C, S, with an optional address to resume at. */
static enum gdb_action handle_resume(struct gdbstub *g, struct cursor *c, bool step, bool with_signal)
{
    uint64_t v;
    if (with_signal && (!hex_u64(c, &v) || !(at_end(c) || expect(c, ';')))) {
        reply(g, "E01");
        return GDB_NONE;
    }
    if (!at_end(c)) {
        if (!hex_u64(c, &v) || !at_end(c)) {
            reply(g, "E01");
            return GDB_NONE;
        }
        g->m->cpu.pc = v & ~1ull;
    }
    return step ? GDB_STEP : GDB_CONT;
}

static enum gdb_action handle_v(struct gdbstub *g, struct cursor *c)
{
    if (starts(c, "vCont?")) {
        reply(g, "vCont;c;C;s;S");
    } else if (starts(c, "vCont;")) {
        /* One thread: the first action decides. */
        char a = c->end - c->p > 6 ? c->p[6] : 0;
        if (a == 's' || a == 'S')
            return GDB_STEP;
        if (a == 'c' || a == 'C')
            return GDB_CONT;
        reply(g, "E01");
    } else if (starts(c, "vKill")) {
        reply(g, "OK");
        return GDB_KILL;
    } else {
        reply(g, ""); /* vMustReplyEmpty, vFile and the rest */
    }
    return GDB_NONE;
}

static enum gdb_action handle(struct gdbstub *g)
{
    struct cursor c = { (const char *)g->pkt, (const char *)g->pkt + g->len };
    char cmd = at_end(&c) ? 0 : *c.p++;
    uint64_t n, v;
    switch (cmd) {
    case '?':
        gdb_report_stop(g, &g->last);
        return GDB_NONE;
    case 'q':
        c.p--;
        handle_query(g, &c);
        return GDB_NONE;
    case 'Q':
        if (starts(&c, "StartNoAckMode")) {
            reply(g, "OK");
            g->noack = true;
        } else {
            reply(g, "");
        }
        return GDB_NONE;
    case 'g': {
        char *p = g->reply;
        for (unsigned i = 0; i < 32; i++)
            p = put_reg(p, g->m->cpu.x[i]);
        p = put_reg(p, g->m->cpu.pc);
        send_packet(g, g->reply, (size_t)(p - g->reply));
        return GDB_NONE;
    }
    case 'G':
        /* x0..x31 and pc; check all before changing any */
        if (c.end - c.p != 33 * 16) {
            reply(g, "E01");
            return GDB_NONE;
        }
        {
            uint64_t regs[33];
            for (unsigned i = 0; i < 33; i++) {
                if (!hex_reg(&c, &regs[i])) {
                    reply(g, "E01");
                    return GDB_NONE;
                }
            }
            for (unsigned i = 0; i < 33; i++)
                write_reg(g, i, regs[i]);
        }
        reply(g, "OK");
        return GDB_NONE;
    case 'p':
        if (!hex_u64(&c, &n) || !at_end(&c) || !read_reg(g, n, &v)) {
            reply(g, "E01");
            return GDB_NONE;
        }
        put_reg(g->reply, v);
        send_packet(g, g->reply, 16);
        return GDB_NONE;
    case 'P':
        if (!hex_u64(&c, &n) || !expect(&c, '=') || !hex_reg(&c, &v) || !at_end(&c) || !write_reg(g, n, v))
            reply(g, "E01");
        else
            reply(g, "OK");
        return GDB_NONE;
    case 'm':
    case 'M':
    case 'X':
        handle_mem(g, &c, cmd);
        return GDB_NONE;
    case 'Z':
    case 'z':
        handle_point(g, &c, cmd == 'Z');
        return GDB_NONE;
    case 'c':
    case 's':
        return handle_resume(g, &c, cmd == 's', false);
    case 'C':
    case 'S':
        return handle_resume(g, &c, cmd == 'S', true);
    case 'v':
        c.p--;
        return handle_v(g, &c);
    case 'H':
    case 'T':
        reply(g, "OK"); /* one thread: every thread is it */
        return GDB_NONE;
    case 'k':
        return GDB_KILL; /* no reply */
    case 'D':
        reply(g, "OK");
        return GDB_DETACH;
    default:
        reply(g, "");
        return GDB_NONE;
    }
}

/* ---- framing ---- */

bool gdb_init(struct gdbstub *g, struct machine *m, struct debug *dbg, struct monitor *mon,
              void (*send)(void *ctx, const void *data, size_t len), void *send_ctx)
{
    memset(g, 0, sizeof *g);
    g->m = m;
    g->dbg = dbg;
    g->mon = mon;
    g->send = send;
    g->send_ctx = send_ctx;
    g->last = (struct stop){ .why = WHY_STEPS }; /* attaching finds the machine stopped */
    g->reply = malloc(2 * REPLY_MAX);
    return g->reply != NULL;
}

void gdb_free(struct gdbstub *g)
{
    free(g->reply);
    g->reply = NULL;
}

void gdb_connect(struct gdbstub *g)
{
    g->queued = 0;
    g->noack = false;
    g->action = GDB_NONE;
}

bool gdb_feed(struct gdbstub *g, const uint8_t *data, size_t len)
{
    if (len > GDB_QUEUE_MAX - g->queued)
        return false;
    memcpy(g->queue + g->queued, data, len);
    g->queued += len;
    return true;
}

static void consume(struct gdbstub *g, size_t n)
{
    memmove(g->queue, g->queue + n, g->queued - n);
    g->queued -= n;
}

bool gdb_take_interrupt(struct gdbstub *g)
{
    uint8_t *p = memchr(g->queue, 0x03, g->queued);
    if (!p)
        return false;
    /* Only a ^C outside a packet counts; inside one it is data. A packet
     * arriving while the machine runs waits in the queue. */
    bool in_packet = false;
    for (uint8_t *q = g->queue; q < p; q++)
        in_packet = *q == '$' ? true : *q == '#' ? false : in_packet;
    if (in_packet)
        return false;
    memmove(p, p + 1, (size_t)(g->queue + g->queued - p - 1));
    g->queued--;
    return true;
}

/* One complete packet at the head of the queue: unescape it into pkt and
 * check its sum. Returns the bytes it takes (0: not complete yet). A '$'
 * cannot occur inside a packet, so one there starts the next packet: the
 * broken one takes the bytes before it and is refused. */
static size_t frame(struct gdbstub *g, bool *ok)
{
    uint8_t sum = 0;
    size_t i = 1;
    g->len = 0;
    *ok = true;
    for (; i < g->queued && g->queue[i] != '#'; i++) {
        uint8_t ch = g->queue[i];
        if (ch == '$') {
            *ok = false;
            return i;
        }
        sum += ch;
        if (ch == '}') {
            if (++i == g->queued)
                return 0;
            if (g->queue[i] == '$') {
                *ok = false;
                return i;
            }
            sum += g->queue[i];
            ch = g->queue[i] ^ 0x20;
        }
        if (g->len == GDB_PACKET_MAX)
            *ok = false; /* too long: keep reading to its end, then refuse it */
        else
            g->pkt[g->len++] = ch;
    }
    if (i + 2 >= g->queued)
        return 0;
    int hi = hexval(g->queue[i + 1]), lo = hexval(g->queue[i + 2]);
    if (hi < 0 || lo < 0 || (uint8_t)(hi << 4 | lo) != sum)
        *ok = false;
    return i + 3;
}

enum gdb_action gdb_process(struct gdbstub *g)
{
    while (g->queued) {
        uint8_t ch = g->queue[0];
        if (ch != '$') {
            /* acks, naks and stray bytes; ^C while stopped: report the stop */
            consume(g, 1);
            if (ch == 0x03)
                gdb_report_stop(g, &g->last);
            continue;
        }
        bool ok;
        size_t n = frame(g, &ok);
        if (n == 0) {
            if (g->queued == GDB_QUEUE_MAX)
                g->queued = 0; /* an endless packet: drop it */
            return GDB_NONE;
        }
        consume(g, n);
        if (!g->noack)
            g->send(g->send_ctx, ok ? "+" : "-", 1);
        if (!ok)
            continue;
        enum gdb_action a = handle(g);
        if (a != GDB_NONE)
            return a;
    }
    return GDB_NONE;
}

void gdb_report_stop(struct gdbstub *g, const struct stop *st)
{
    g->last = *st;
    if (st->why == WHY_END) {
        g->exited = true;
        if (st->end == STOP_PASS)
            reply(g, "W00");
        else if (st->end == STOP_FAIL)
            replyf(g, "W%02x", g->m->exit_code & 0xff);
        else if (st->end == STOP_LIMIT)
            reply(g, "X18"); /* SIGXCPU: the instruction limit */
        else
            reply(g, "X09");
        return;
    }
    const struct point *p = debug_point(g->dbg, st->id);
    switch (st->why) {
    case WHY_BREAK:
        replyf(g, "T05%s:;thread:1;", p && (p->kinds & BREAK_HW) ? "hwbreak" : "swbreak");
        break;
    case WHY_WATCH:
        replyf(g, "T05%s:%" PRIx64 ";thread:1;",
               !p || p->kinds == WATCH_WRITE ? "watch" : p->kinds == WATCH_READ ? "rwatch" : "awatch", st->addr);
        break;
    case WHY_USER:
        reply(g, "T02thread:1;"); /* SIGINT */
        break;
    default:
        reply(g, "T05thread:1;"); /* SIGTRAP: a step */
        break;
    }
}
