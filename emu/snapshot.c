/* The file: a 32-byte header, sections, and a CRC-32 of all that precedes
 * it, so that a file can be written in one pass.
 *
 *   0  "AMBERSNP"   8  u32 format version   12 u32 header size (32)
 *   16 u64 DRAM size                        24 u64 size of the sections
 *   32 sections: 4-character name, u32 0, u64 length, contents
 *   end: u32 CRC-32
 *
 * All numbers are little-endian. Most sections are a struct's members in
 * the order of a field table below; a member missing from a table is a
 * transient or derived one, declared SKIP, so a new member cannot be
 * forgotten silently (snapshot_check_layout, run by the unit tests). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "crc32.h"
#include "machine.h"
#include "snapshot.h"

#define MAGIC "AMBERSNP"
#define VERSION 1u
#define HEADER_SIZE 32u
#define PAGE 4096u
#define TAGS_PER_PAGE (PAGE >> TAG_WORD_SHIFT)

/* ---- field tables ---- */

struct field {
    size_t off;
    uint8_t size;     /* bytes per element: 1, 2, 4 or 8 */
    uint8_t kind;     /* enum below */
    uint32_t count;
};
enum { F_NUM, F_BOOL, F_SKIP };

#define MEMBER(type, m) (((type *)0)->m)
#define FIELD(type, m, elem) { offsetof(type, m), sizeof(elem), F_NUM, sizeof(MEMBER(type, m)) / sizeof(elem) }
#define FLAG(type, m) { offsetof(type, m), 1, F_BOOL, 1 }
#define SKIP(type, m) { offsetof(type, m), 1, F_SKIP, sizeof(MEMBER(type, m)) }
#define TABLE(t) t, sizeof t / sizeof t[0]

_Static_assert(sizeof(bool) == 1, "bools are saved as one byte");
_Static_assert(sizeof(struct csrs) % 8 == 0, "struct csrs is saved as an array of uint64_t");

static const struct field cpu_fields[] = {
    FIELD(struct cpu, x, uint64_t), FIELD(struct cpu, pc, uint64_t), FIELD(struct cpu, priv, unsigned),
    FIELD(struct cpu, csr, uint64_t), FIELD(struct cpu, pmp.cfg, uint8_t), FIELD(struct cpu, pmp.addr, uint64_t),
    FIELD(struct cpu, mip_ext, uint64_t), FIELD(struct cpu, cycle, uint64_t),
    FIELD(struct cpu, instret, uint64_t), FLAG(struct cpu, wfi), FLAG(struct cpu, boundary),
    FLAG(struct cpu, stuck), FIELD(struct cpu, fault_instret, uint64_t),
    FIELD(struct cpu, fault_count, unsigned), FIELD(struct cpu, resv_addr, uint64_t),
    /* transient within cpu_run, or derived, or host caches, or in sections of their own */
    SKIP(struct cpu, next_event), SKIP(struct cpu, stop), SKIP(struct cpu, exc_cause),
    SKIP(struct cpu, exc_tval), SKIP(struct cpu, dctx), SKIP(struct cpu, ictx), SKIP(struct cpu, tlb),
    SKIP(struct cpu, bgen), SKIP(struct cpu, bmap), SKIP(struct cpu, blocks), SKIP(struct cpu, insns),
    SKIP(struct cpu, nblocks), SKIP(struct cpu, ninsns), SKIP(struct cpu, timing), SKIP(struct cpu, bus),
    SKIP(struct cpu, clint), SKIP(struct cpu, trace), SKIP(struct cpu, debug), SKIP(struct cpu, hooks),
};

static const struct field timing_fields[] = {
    FIELD(struct timing, l1i.tag, uint64_t), FIELD(struct timing, l1d.tag, uint64_t),
    FIELD(struct timing, l2.tag, uint64_t), FIELD(struct timing, l1i_miss, uint64_t),
    FIELD(struct timing, l1d_miss, uint64_t), FIELD(struct timing, l2_miss, uint64_t),
};

static const struct field machine_fields[] = {
    FIELD(struct machine, entry, uint64_t), FLAG(struct machine, has_tohost),
    FIELD(struct machine, tohost, uint64_t), FIELD(struct machine, next_poll, uint64_t),
    FIELD(struct machine, next_tohost, uint64_t), FIELD(struct machine, exit_code, unsigned),
    FIELD(struct machine, power_cut_at, uint64_t), FIELD(struct machine, rom, uint8_t),
};

static const struct field uart_fields[] = {
    FIELD(struct uart, ier, uint8_t), FIELD(struct uart, lcr, uint8_t), FIELD(struct uart, mcr, uint8_t),
    FIELD(struct uart, lsr, uint8_t), FIELD(struct uart, scr, uint8_t), FIELD(struct uart, fcr, uint8_t),
    FIELD(struct uart, dll, uint8_t), FIELD(struct uart, dlm, uint8_t), FIELD(struct uart, msr, uint8_t),
    FLAG(struct uart, thr_ipending), FIELD(struct uart, rx, uint8_t), FIELD(struct uart, rx_head, uint8_t),
    FIELD(struct uart, rx_count, uint8_t), SKIP(struct uart, out),
};

static const struct field clint_fields[] = {
    FIELD(struct clint, offset, uint64_t), FIELD(struct clint, mtimecmp, uint64_t),
    FIELD(struct clint, msip, uint32_t), SKIP(struct clint, cycles), SKIP(struct clint, cycles_per_tick),
};

static const struct field plic_fields[] = {
    FIELD(struct plic, priority, uint8_t), FIELD(struct plic, level, uint32_t),
    FIELD(struct plic, claimed, uint32_t), FIELD(struct plic, enable, uint32_t),
    FIELD(struct plic, threshold, uint8_t),
};

static const struct field finisher_fields[] = {
    FLAG(struct finisher, triggered), FIELD(struct finisher, value, uint32_t),
};

static const struct field display_fields[] = {
    FIELD(struct display, frames, uint64_t), FIELD(struct display, ctrl, uint32_t),
    FIELD(struct display, width, uint32_t), FIELD(struct display, height, uint32_t),
    FIELD(struct display, fmt, uint32_t), FIELD(struct display, stride, uint32_t),
    FIELD(struct display, fb_next, uint64_t), FIELD(struct display, fb_cur, uint64_t),
    FIELD(struct display, irq_status, uint32_t), FIELD(struct display, irq_enable, uint32_t),
    FIELD(struct display, cursor_pos, uint32_t), FIELD(struct display, cursor_hot, uint32_t),
    FIELD(struct display, cursor_color, uint32_t), FIELD(struct display, cursor_img, uint32_t),
    SKIP(struct display, mem), SKIP(struct display, now), SKIP(struct display, period),
};

static const struct field gfx_fields[] = {
    FIELD(struct gfx, ctrl, uint32_t), FIELD(struct gfx, irq_status, uint32_t),
    FIELD(struct gfx, irq_enable, uint32_t), FIELD(struct gfx, fence, uint32_t),
    FIELD(struct gfx, error, uint32_t), FIELD(struct gfx, error_word, uint32_t),
    FIELD(struct gfx, ring_base, uint64_t), FIELD(struct gfx, ring_size, uint32_t),
    FIELD(struct gfx, ring_head, uint32_t), FIELD(struct gfx, ring_tail, uint32_t),
    FIELD(struct gfx, cycles, uint64_t), FIELD(struct gfx, pixels, uint64_t),
    FIELD(struct gfx, fifo, uint32_t), FIELD(struct gfx, fifo_head, unsigned),
    FIELD(struct gfx, fifo_count, unsigned), FIELD(struct gfx, surf.base, uint64_t),
    FIELD(struct gfx, surf.stride, uint32_t), FIELD(struct gfx, surf.w, int32_t),
    FIELD(struct gfx, surf.h, int32_t), FIELD(struct gfx, surf.fmt, unsigned),
    FLAG(struct gfx, surf.valid), FIELD(struct gfx, clip_x0, int32_t), FIELD(struct gfx, clip_y0, int32_t),
    FIELD(struct gfx, clip_x1, int32_t), FIELD(struct gfx, clip_y1, int32_t),
    FIELD(struct gfx, busy_until, uint64_t), FIELD(struct gfx, cost, uint64_t),
    SKIP(struct gfx, mem), SKIP(struct gfx, now),
};

static const struct field kbd_fields[] = {
    FIELD(struct kbd, ev, uint32_t), FIELD(struct kbd, head, unsigned), FIELD(struct kbd, count, unsigned),
    FIELD(struct kbd, ctrl, uint32_t), FIELD(struct kbd, mods, uint32_t), FLAG(struct kbd, overflow),
};

static const struct field mouse_fields[] = {
    FIELD(struct mouse, x, uint16_t), FIELD(struct mouse, y, uint16_t),
    FIELD(struct mouse, buttons, uint32_t), FIELD(struct mouse, ctrl, uint32_t),
    FIELD(struct mouse, wheel, int32_t), FLAG(struct mouse, changed),
};

static const struct field power_fields[] = {
    FIELD(struct powerctl, window, uint64_t), FIELD(struct powerctl, warn_at, uint64_t),
    FIELD(struct powerctl, status, uint32_t), FIELD(struct powerctl, irq_status, uint32_t),
    FIELD(struct powerctl, irq_enable, uint32_t), FLAG(struct powerctl, forced_off),
    FIELD(struct powerctl, checks_passed, uint64_t), FIELD(struct powerctl, checks_failed, uint64_t),
    FIELD(struct powerctl, last_check_id, uint64_t), FIELD(struct powerctl, last_check, uint32_t),
    SKIP(struct powerctl, now),
};

static const struct field nvdimm_fields[] = {
    FIELD(struct nvdimm, sel, uint64_t), SKIP(struct nvdimm, pmem),
};

static const struct field rtc_fields[] = {
    FIELD(struct rtc, offset_ns, uint64_t), FIELD(struct rtc, alarm_ns, uint64_t),
    FIELD(struct rtc, ctrl, uint32_t), FLAG(struct rtc, fired), SKIP(struct rtc, now), SKIP(struct rtc, hz),
};

/* A section of struct members: where the struct lives in a machine. */
struct section {
    char name[5];
    size_t offset;                 /* of the struct within struct machine */
    size_t struct_size;
    const struct field *f;
    unsigned n;
};

#define SECTION(name, member, type, table) \
    { name, offsetof(struct machine, member), sizeof(type), TABLE(table) }

static const struct section sections[] = {
    SECTION("MACH", entry, struct machine, machine_fields), /* offset unused: whole machine */
    SECTION("CPU ", cpu, struct cpu, cpu_fields),
    SECTION("TIME", cpu.timing, struct timing, timing_fields),
    SECTION("UART", uart, struct uart, uart_fields),
    SECTION("CLNT", clint, struct clint, clint_fields),
    SECTION("PLIC", plic, struct plic, plic_fields),
    SECTION("FINI", finisher, struct finisher, finisher_fields),
    SECTION("DISP", devs.display, struct display, display_fields),
    SECTION("GFX ", devs.gfx, struct gfx, gfx_fields),
    SECTION("KBD ", devs.kbd, struct kbd, kbd_fields),
    SECTION("MOUS", devs.mouse, struct mouse, mouse_fields),
    SECTION("RTC ", devs.rtc, struct rtc, rtc_fields),
    SECTION("POWR", power, struct powerctl, power_fields),
    SECTION("NVDM", nvdimm, struct nvdimm, nvdimm_fields),
};
#define NSECTIONS (sizeof sections / sizeof sections[0])

/* The struct a section describes, within machine m. */
static void *section_struct(const struct section *s, const void *m)
{
    return s == &sections[0] ? (void *)m : (char *)m + s->offset;
}

static uint64_t fields_size(const struct section *s)
{
    uint64_t n = 0;
    for (unsigned i = 0; i < s->n; i++)
        if (s->f[i].kind != F_SKIP)
            n += (uint64_t)s->f[i].size * s->f[i].count;
    return n;
}

/* ---- writing ---- */

struct writer {
    FILE *f;
    struct crc32 crc;
    bool ok;
};

static void put(struct writer *w, const void *p, size_t n)
{
    if (w->ok && fwrite(p, 1, n, w->f) != n)
        w->ok = false;
    crc32_add(&w->crc, p, n);
}

static void put_le(struct writer *w, uint64_t v, unsigned size)
{
    uint8_t b[8];
    for (unsigned i = 0; i < size; i++)
        b[i] = (uint8_t)(v >> (8 * i));
    put(w, b, size);
}

static void put_section_head(struct writer *w, const char *name, uint64_t len)
{
    put(w, name, 4);
    put_le(w, 0, 4);
    put_le(w, len, 8);
}

static uint64_t get_le(const uint8_t *p, unsigned size)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static void put_fields(struct writer *w, const struct section *s, const void *obj)
{
    put_section_head(w, s->name, fields_size(s));
    for (unsigned i = 0; i < s->n; i++) {
        const struct field *f = &s->f[i];
        if (f->kind == F_SKIP)
            continue;
        for (uint32_t k = 0; k < f->count; k++) {
            uint64_t v = 0;
            memcpy(&v, (const char *)obj + f->off + (size_t)k * f->size, f->size); /* little-endian host */
            put_le(w, v, f->size);
        }
    }
}

static bool page_is_zero(const uint8_t *p, size_t n)
{
    uint64_t acc = 0;
    for (size_t i = 0; i < n; i += 8) {
        uint64_t v;
        memcpy(&v, p + i, 8);
        acc |= v;
    }
    return acc == 0;
}

/* The regions of the bus, so that a snapshot only loads into a machine
 * with the same memory map. */
static void put_map(struct writer *w, const struct bus *b)
{
    uint64_t len = 4;
    for (unsigned i = 0; i < b->n; i++)
        len += 16 + 1 + strlen(b->r[i].name);
    put_section_head(w, "MAP ", len);
    put_le(w, b->n, 4);
    for (unsigned i = 0; i < b->n; i++) {
        size_t n = strlen(b->r[i].name);
        put_le(w, b->r[i].base, 8);
        put_le(w, b->r[i].size, 8);
        put_le(w, n, 1);
        put(w, b->r[i].name, n);
    }
}

static void put_tlb(struct writer *w, const struct cpu *c)
{
    put_section_head(w, "TLB ", 3ull * TLB_SIZE * 32);
    for (unsigned k = 0; k < 3; k++) {
        for (unsigned i = 0; i < TLB_SIZE; i++) {
            for (unsigned a = 0; a < 3; a++)
                put_le(w, c->tlb[k][i].tag[a], 8);
            put_le(w, c->tlb[k][i].pa, 8);
        }
    }
}

static bool page_tagged(const struct tagmem *t, uint64_t i)
{
    return t->word && t->page[i] && !page_is_zero(t->word + i * TAGS_PER_PAGE, TAGS_PER_PAGE);
}

/* DRAM and its tags, sparsely: the pages that are not all zero. */
static void put_dram(struct writer *w, const struct machine *m, uint64_t used, uint64_t tagged)
{
    uint64_t pages = m->dram_size / PAGE;
    const struct tagmem *t = &m->dram_tags;
    put_section_head(w, "DRAM", 8 + used * (8 + PAGE));
    put_le(w, used, 8);
    for (uint64_t i = 0; i < pages; i++) {
        if (page_is_zero(m->dram + i * PAGE, PAGE))
            continue;
        put_le(w, i, 8);
        put(w, m->dram + i * PAGE, PAGE);
    }
    put_section_head(w, "TAGS", 8 + tagged * (8 + TAGS_PER_PAGE));
    put_le(w, tagged, 8);
    for (uint64_t i = 0; i < pages && tagged; i++) {
        if (!page_tagged(t, i))
            continue;
        put_le(w, i, 8);
        put(w, t->word + i * TAGS_PER_PAGE, TAGS_PER_PAGE);
    }
}

/* PMEM lives in the image file with its own persistence model (emu/pmem.h);
 * a snapshot that silently rolled it back would break the image's promise,
 * so machines with PMEM are not snapshotted yet. */
static bool has_pmem(const struct machine *m, char *err, size_t errlen)
{
    if (!m->nvdimm.pmem)
        return false;
    snprintf(err, errlen, "snapshots of a machine with persistent memory (an image) are not supported yet");
    return true;
}

static bool save(const struct machine *m, FILE *f)
{
    struct writer *w = malloc(sizeof *w);
    if (!w)
        return false;
    w->f = f;
    w->ok = true;
    crc32_init(&w->crc);
    /* The header holds the size of the sections: add it up first. */
    uint64_t pages = m->dram_size / PAGE, used = 0, tagged = 0, total = 0;
    for (uint64_t i = 0; i < pages; i++) {
        used += !page_is_zero(m->dram + i * PAGE, PAGE);
        tagged += page_tagged(&m->dram_tags, i);
    }
    for (unsigned i = 0; i < NSECTIONS; i++)
        total += 16 + fields_size(&sections[i]);
    total += 16 + 4;
    for (unsigned i = 0; i < m->bus.n; i++)
        total += 16 + 1 + strlen(m->bus.r[i].name);
    total += 16 + 3ull * TLB_SIZE * 32;
    total += 16 + 8 + used * (8 + PAGE) + 16 + 8 + tagged * (8 + TAGS_PER_PAGE);

    put(w, MAGIC, 8);
    put_le(w, VERSION, 4);
    put_le(w, HEADER_SIZE, 4);
    put_le(w, m->dram_size, 8);
    put_le(w, total, 8);
    put_map(w, &m->bus);
    for (unsigned i = 0; i < NSECTIONS; i++)
        put_fields(w, &sections[i], section_struct(&sections[i], m));
    put_tlb(w, &m->cpu);
    put_dram(w, m, used, tagged);
    uint32_t crc = crc32_value(&w->crc);
    put_le(w, crc, 4);
    bool ok = w->ok;
    free(w);
    return ok;
}

bool snapshot_save(const struct machine *m, const char *path, char *err, size_t errlen)
{
    if (has_pmem(m, err, errlen))
        return false;
    size_t n = strlen(path) + 8;
    char *tmp = malloc(n);
    if (!tmp) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    snprintf(tmp, n, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
        free(tmp);
        return false;
    }
    bool ok = save(m, f);
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        snprintf(err, errlen, "%s: %s", ok ? path : tmp, errno ? strerror(errno) : "write failed");
        remove(tmp);
        free(tmp);
        return false;
    }
    free(tmp);
    return true;
}

void *snapshot_save_mem(const struct machine *m, size_t *size, char *err, size_t errlen)
{
    char *buf = NULL;
    if (has_pmem(m, err, errlen))
        return NULL;
    FILE *f = open_memstream(&buf, size);
    if (!f) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    bool ok = save(m, f);
    ok = fclose(f) == 0 && ok;
    if (!ok) {
        snprintf(err, errlen, "out of memory");
        free(buf);
        return NULL;
    }
    return buf;
}

/* ---- loading ---- */

/* Everything a snapshot restores, checked before any of it is applied. */
struct staged {
    struct machine m;           /* a copy of the live machine with the saved members */
    const uint8_t *dram;        /* the DRAM section's pages */
    uint64_t dram_pages;
    const uint8_t *tags;
    uint64_t tag_pages;
    bool seen[NSECTIONS + 4];
};

static bool bad(char *err, size_t errlen, const char *what)
{
    snprintf(err, errlen, "bad snapshot: %s", what);
    return false;
}

static bool get_fields(const struct section *s, void *obj, const uint8_t *p, uint64_t len,
                       char *err, size_t errlen)
{
    if (len != fields_size(s)) {
        snprintf(err, errlen, "bad snapshot: section %.4s has %llu bytes, this amber expects %llu "
                 "(a different emulator version?)", s->name, (unsigned long long)len,
                 (unsigned long long)fields_size(s));
        return false;
    }
    for (unsigned i = 0; i < s->n; i++) {
        const struct field *f = &s->f[i];
        if (f->kind == F_SKIP)
            continue;
        for (uint32_t k = 0; k < f->count; k++, p += f->size) {
            uint64_t v = get_le(p, f->size);
            if (f->kind == F_BOOL && v > 1) {
                snprintf(err, errlen, "bad snapshot: a flag in section %.4s is %llu", s->name,
                         (unsigned long long)v);
                return false;
            }
            memcpy((char *)obj + f->off + (size_t)k * f->size, &v, f->size);
        }
    }
    return true;
}

/* Values the models use as indices or trust: anything else the guest could
 * have written through registers, so the models cope with it. */
static bool plausible(const struct machine *m, char *err, size_t errlen)
{
    const struct cpu *c = &m->cpu;
    if (c->priv != PRIV_U && c->priv != PRIV_S && c->priv != PRIV_M)
        return bad(err, errlen, "privilege mode out of range");
    if (m->uart.rx_head >= UART_FIFO_SIZE || m->uart.rx_count > UART_FIFO_SIZE)
        return bad(err, errlen, "UART FIFO state out of range");
    if (m->devs.gfx.fifo_head >= GFX_FIFO_DEPTH || m->devs.gfx.fifo_count > GFX_FIFO_DEPTH)
        return bad(err, errlen, "accelerator FIFO state out of range");
    if (m->devs.kbd.head >= KBD_FIFO_DEPTH || m->devs.kbd.count > KBD_FIFO_DEPTH)
        return bad(err, errlen, "keyboard FIFO state out of range");
    return true;
}

static bool check_map(const struct bus *b, const uint8_t *p, uint64_t len, char *err, size_t errlen)
{
    if (len < 4 || get_le(p, 4) != b->n)
        goto differs;
    p += 4, len -= 4;
    for (unsigned i = 0; i < b->n; i++) {
        size_t n = strlen(b->r[i].name);
        if (len < 17 || get_le(p, 8) != b->r[i].base || get_le(p + 8, 8) != b->r[i].size ||
            p[16] != n || len - 17 < n || memcmp(p + 17, b->r[i].name, n) != 0)
            goto differs;
        p += 17 + n, len -= 17 + n;
    }
    if (len == 0)
        return true;
differs:
    return bad(err, errlen, "it was taken on a machine with a different memory map");
}

static bool stage_tlb(struct staged *s, const uint8_t *p, uint64_t len, char *err, size_t errlen)
{
    struct cpu *c = &s->m.cpu;
    if (len != 3ull * TLB_SIZE * 32)
        return bad(err, errlen, "TLB section size");
    for (unsigned k = 0; k < 3; k++) {
        for (unsigned i = 0; i < TLB_SIZE; i++, p += 32) {
            struct tlb_entry *e = &c->tlb[k][i];
            bool valid = false;
            for (unsigned a = 0; a < 3; a++) {
                e->tag[a] = get_le(p + 8 * a, 8);
                /* The fast paths compare tags with page addresses. */
                if (e->tag[a] != TLB_INVALID && (e->tag[a] & (PAGE - 1)))
                    return bad(err, errlen, "TLB tag not page aligned");
                valid |= e->tag[a] != TLB_INVALID;
            }
            e->pa = get_le(p + 24, 8);
            const struct bus_region *r = bus_find(&s->m.bus, e->pa, PAGE);
            if (valid && ((e->pa & (PAGE - 1)) || !r || !r->host))
                return bad(err, errlen, "TLB entry for a page that is not memory");
            e->host = valid ? r->host + (e->pa - r->base) : NULL;
            e->tags = NULL; /* set from the restored tags when applied */
        }
    }
    return true;
}

/* A sparse page list: u64 count, then (u64 page, bytes) pairs in rising
 * page order. */
static bool stage_pages(const uint8_t *p, uint64_t len, uint64_t page_bytes, uint64_t pages,
                        const uint8_t **list, uint64_t *count, char *err, size_t errlen)
{
    if (len < 8)
        return bad(err, errlen, "page list too short");
    uint64_t n = get_le(p, 8);
    if (n > pages || (len - 8) / (8 + page_bytes) != n || (len - 8) % (8 + page_bytes))
        return bad(err, errlen, "page list size");
    const uint8_t *q = p + 8;
    for (uint64_t i = 0, last = 0; i < n; i++, q += 8 + page_bytes) {
        uint64_t page = get_le(q, 8);
        if (page >= pages || (i && page <= last))
            return bad(err, errlen, "page number out of range or out of order");
        last = page;
    }
    *list = p + 8;
    *count = n;
    return true;
}

/* Sections that are not a field table, numbered after those. */
static const char *const other_sections[4] = { "MAP ", "TLB ", "DRAM", "TAGS" };

static const char *section_name(unsigned i)
{
    return i < NSECTIONS ? sections[i].name : other_sections[i - NSECTIONS];
}

static int section_index(const char *name)
{
    for (unsigned i = 0; i < NSECTIONS + 4; i++)
        if (memcmp(section_name(i), name, 4) == 0)
            return (int)i;
    return -1;
}

static bool stage(struct staged *s, const uint8_t *d, size_t size, char *err, size_t errlen)
{
    const struct machine *m = &s->m;
    if (size < HEADER_SIZE + 4 || memcmp(d, MAGIC, 8) != 0)
        return bad(err, errlen, "not an amber snapshot");
    if (get_le(d + 8, 4) != VERSION) {
        snprintf(err, errlen, "bad snapshot: format version %u, this amber reads version %u",
                 (unsigned)get_le(d + 8, 4), VERSION);
        return false;
    }
    if (get_le(d + 12, 4) != HEADER_SIZE || get_le(d + 24, 8) != size - HEADER_SIZE - 4)
        return bad(err, errlen, "truncated or padded file");
    struct crc32 *crc = malloc(sizeof *crc);
    if (!crc)
        return bad(err, errlen, "out of memory");
    crc32_init(crc);
    crc32_add(crc, d, size - 4);
    bool crc_ok = crc32_value(crc) == (uint32_t)get_le(d + size - 4, 4);
    free(crc);
    if (!crc_ok)
        return bad(err, errlen, "checksum mismatch (the file is damaged)");
    if (get_le(d + 16, 8) != m->dram_size) {
        snprintf(err, errlen, "the snapshot has %llu MiB of DRAM, this machine %llu MiB (use --mem)",
                 (unsigned long long)(get_le(d + 16, 8) >> 20), (unsigned long long)(m->dram_size >> 20));
        return false;
    }
    const uint8_t *p = d + HEADER_SIZE, *end = d + size - 4;
    while (p < end) {
        if (end - p < 16)
            return bad(err, errlen, "truncated section header");
        uint64_t len = get_le(p + 8, 8);
        const uint8_t *body = p + 16;
        if (len > (uint64_t)(end - body))
            return bad(err, errlen, "section runs past the end");
        int i = section_index((const char *)p);
        if (i < 0) {
            snprintf(err, errlen, "bad snapshot: unknown section '%.4s'", (const char *)p);
            return false;
        }
        if (s->seen[i])
            return bad(err, errlen, "a section appears twice");
        s->seen[i] = true;
        bool ok;
        if (i < (int)NSECTIONS)
            ok = get_fields(&sections[i], section_struct(&sections[i], &s->m), body, len, err, errlen);
        else if (i == NSECTIONS)
            ok = check_map(&m->bus, body, len, err, errlen);
        else if (i == NSECTIONS + 1)
            ok = stage_tlb(s, body, len, err, errlen);
        else if (i == NSECTIONS + 2)
            ok = stage_pages(body, len, PAGE, m->dram_size / PAGE, &s->dram, &s->dram_pages, err, errlen);
        else
            ok = stage_pages(body, len, TAGS_PER_PAGE, m->dram_size / PAGE, &s->tags, &s->tag_pages,
                             err, errlen);
        if (!ok)
            return false;
        p = body + len;
    }
    for (unsigned i = 0; i < NSECTIONS + 4; i++) {
        if (!s->seen[i]) {
            snprintf(err, errlen, "bad snapshot: section '%.4s' is missing", section_name(i));
            return false;
        }
    }
    return plausible(&s->m, err, errlen);
}

/* Make anonymous memory zero again without touching every page. */
static void zero(void *p, size_t len)
{
    if (len && madvise(p, len, MADV_DONTNEED) != 0)
        memset(p, 0, len);
}

static void apply(struct machine *m, const struct staged *s)
{
    struct cpu_hooks *hooks = m->cpu.hooks;
    FILE *trace = m->cpu.trace;
    for (unsigned i = 0; i < NSECTIONS; i++) {
        const struct section *sec = &sections[i];
        if (i == 0) { /* the machine's own members, one by one */
            for (unsigned k = 0; k < sec->n; k++)
                memcpy((char *)m + sec->f[k].off, (const char *)&s->m + sec->f[k].off,
                       (size_t)sec->f[k].size * sec->f[k].count);
            continue;
        }
        if (strcmp(sec->name, "TIME") == 0)
            continue; /* part of struct cpu */
        memcpy(section_struct(sec, m), section_struct(sec, &s->m), sec->struct_size);
    }
    struct cpu *c = &m->cpu;
    c->hooks = hooks;
    c->trace = trace;
    zero(m->dram, m->dram_size);
    for (uint64_t i = 0; i < s->dram_pages; i++) {
        const uint8_t *q = s->dram + i * (8 + PAGE);
        memcpy(m->dram + get_le(q, 8) * PAGE, q + 8, PAGE);
    }
    struct tagmem *t = &m->dram_tags;
    if (t->word) {
        zero(t->word, t->size >> TAG_WORD_SHIFT);
        zero(t->page, t->size >> TAG_PAGE_SHIFT);
        for (uint64_t i = 0; i < s->tag_pages; i++) {
            const uint8_t *q = s->tags + i * (8 + TAGS_PER_PAGE);
            uint64_t page = get_le(q, 8);
            memcpy(t->word + page * TAGS_PER_PAGE, q + 8, TAGS_PER_PAGE);
            t->page[page] = 1;
        }
    }
    for (unsigned k = 0; k < 3; k++) {
        for (unsigned i = 0; i < TLB_SIZE; i++) {
            struct tlb_entry *e = &c->tlb[k][i];
            const struct bus_region *r = e->host ? bus_find(&m->bus, e->pa, PAGE) : NULL;
            e->tags = r ? tagmem_page(&r->tags, e->pa - r->base) : NULL;
            if (hooks && hooks->ram) /* the debugger still watches every access */
                e->tag[ACC_READ] = e->tag[ACC_WRITE] = TLB_INVALID;
        }
    }
    cpu_update_ctx(c);
    cpu_flush_blocks(c);
    c->next_event = 0;
    c->stop = false;
}

bool snapshot_load_mem(struct machine *m, const void *data, size_t size, char *err, size_t errlen)
{
    if (has_pmem(m, err, errlen))
        return false;
    struct staged *s = malloc(sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    memset(s, 0, sizeof *s);
    s->m = *m;
    bool ok = stage(s, data, size, err, errlen);
    if (ok)
        apply(m, s);
    free(s);
    return ok;
}

bool snapshot_load(struct machine *m, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return false;
    }
    /* The largest snapshot this machine can have: every DRAM page and its
     * tags, and a generous allowance for the rest. Anything else (a device,
     * a huge file) is refused before it is read. */
    uint64_t pages = m->dram_size / PAGE;
    uint64_t most = pages * (2 * 8 + PAGE + TAGS_PER_PAGE) + (16u << 20);
    bool regular = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode);
    if (!regular || (uint64_t)st.st_size > most) {
        snprintf(err, errlen, "%s: %s", path, regular ? "too large for a snapshot of this machine"
                                                      : "not a regular file");
        fclose(f);
        return false;
    }
    size_t size = (size_t)st.st_size;
    uint8_t *buf = malloc(size ? size : 1);
    if (!buf || fread(buf, 1, size, f) != size) {
        snprintf(err, errlen, "%s: %s", path, buf ? "read error" : "out of memory");
        free(buf);
        fclose(f);
        return false;
    }
    fclose(f);
    char why[200];
    bool ok = snapshot_load_mem(m, buf, size, why, sizeof why);
    if (!ok)
        snprintf(err, errlen, "%s: %s", path, why);
    free(buf);
    return ok;
}

/* ---- layout check ---- */

bool snapshot_check_layout(char *err, size_t errlen)
{
    for (unsigned i = 1; i < NSECTIONS; i++) {
        const struct section *s = &sections[i];
        uint8_t *covered = calloc(s->struct_size, 1);
        if (!covered)
            return bad(err, errlen, "out of memory");
        for (unsigned k = 0; k < s->n; k++) {
            size_t bytes = (size_t)s->f[k].size * s->f[k].count;
            for (size_t b = s->f[k].off; b < s->f[k].off + bytes; b++)
                covered[b]++;
        }
        /* Uncovered runs of 8 bytes or more cannot be padding. */
        size_t run = 0;
        for (size_t b = 0; b <= s->struct_size; b++) {
            if (b < s->struct_size && covered[b] > 1) {
                snprintf(err, errlen, "section %.4s: byte %zu is saved twice", s->name, b);
                free(covered);
                return false;
            }
            if (b < s->struct_size && !covered[b]) {
                run++;
                continue;
            }
            if (run >= 8) {
                snprintf(err, errlen, "section %.4s: bytes %zu..%zu of the struct are neither saved "
                         "nor declared SKIP (a new member?)", s->name, b - run, b - 1);
                free(covered);
                return false;
            }
            run = 0;
        }
        free(covered);
    }
    return true;
}
