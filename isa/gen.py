#!/usr/bin/env python3
"""Generate Amber's instruction decoder and disassembler from the ISA tables.

    gen.py -o OUTDIR TABLE...

Reads the tables (format: isa/README.md), checks them, and writes isa_ops.h,
isa_forms.h, isa_decode.c and isa_disas.c into OUTDIR.  Any error in a table
stops the build with "file:line: message".
"""

import argparse
import itertools
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REG_SLOTS = ('rd', 'rs1', 'rs2')
SLOTS = REG_SLOTS + ('imm',)
# Placeholder kinds of the disassembly templates (see README.md).
KINDS = ('reg', 'd', 'x', 'hi', 'pc', 'csr', 'pred', 'succ', 'aqrl')
# Above this many undetermined bits the overlap check gives up and reports
# the pair as ambiguous rather than enumerate.
MAX_ENUM_BITS = 20


class TableError(Exception):
    pass


def popcount(x):
    return bin(x).count('1')


@dataclass
class Field:
    name: str
    pieces: list        # (inst_hi, inst_lo, value_lo)
    width: int          # number of value bits (highest value bit + 1)
    sext: bool
    add: int
    loc: str

    @property
    def inst_bits(self):
        m = 0
        for hi, lo, _ in self.pieces:
            m |= ((1 << (hi - lo + 1)) - 1) << lo
        return m

    def value(self, raw):
        v = 0
        for hi, lo, vlo in self.pieces:
            v |= ((raw >> lo) & ((1 << (hi - lo + 1)) - 1)) << vlo
        if self.sext and v >> (self.width - 1):
            v -= 1 << self.width
        return v + self.add

    @property
    def max_value(self):
        return (1 << (self.width - 1 if self.sext else self.width)) - 1 + self.add

    @property
    def cname(self):
        return 'fld_' + self.name


@dataclass
class Constraint:
    field: Field
    equal: bool
    value: int

    def holds(self, raw):
        return (self.field.value(raw) == self.value) == self.equal

    def c_expr(self):
        return '%s(raw) %s %d' % (self.field.cname, '==' if self.equal else '!=', self.value)


@dataclass
class Insn:
    name: str
    loc: str
    width: int
    mask: int
    match: int
    op: str             # base instruction name, or 'illegal'
    slots: dict         # slot -> Field or int
    constraints: list
    over: str
    template: str

    @property
    def form(self):
        return 'FORM_' + c_ident(self.name)

    def matches(self, raw):
        return (raw & self.mask) == self.match and all(c.holds(raw) for c in self.constraints)


def c_ident(name):
    return re.sub(r'[^A-Za-z0-9]', '_', name).upper()


def op_enum(name):
    return 'OP_' + c_ident(name)


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------

class Table:
    def __init__(self):
        self.fields = {}
        self.insns = []
        self.csrs = {}          # number -> name

    def parse_file(self, path):
        text = Path(path).read_text()
        for num, line in enumerate(text.splitlines(), 1):
            loc = '%s:%d' % (Path(path).name, num)
            line = line.split('#', 1)[0].strip()
            if not line:
                continue
            try:
                word = line.split()[0]
                if word == 'field':
                    self.parse_field(line, loc)
                elif word == 'csr':
                    self.parse_csr(line, loc)
                else:
                    self.parse_insn(line, loc)
            except TableError as e:
                raise TableError('%s: %s' % (loc, e)) from None

    def parse_field(self, line, loc):
        words = line.split()
        if len(words) < 3:
            raise TableError('expected "field NAME BITS [sext] [+N]"')
        name, spec, mods = words[1], words[2], words[3:]
        if name in self.fields:
            raise TableError('field %s already defined at %s' % (name, self.fields[name].loc))
        if not re.fullmatch(r'[a-z][a-z0-9_]*', name):
            raise TableError('bad field name %r' % name)
        pieces = []
        parts = spec.split(',')
        for part in parts:
            m = re.fullmatch(r'(\d+)(?::(\d+))?(?:=(\d+)(?::(\d+))?)?', part)
            if not m:
                raise TableError('bad bit slice %r' % part)
            hi = int(m[1])
            lo = int(m[2]) if m[2] else hi
            if m[3] is None:
                if len(parts) > 1:
                    raise TableError('%r: a field of several pieces must give value bits (hi:lo=vhi:vlo)' % part)
                vhi, vlo = hi - lo, 0
            else:
                vhi = int(m[3])
                vlo = int(m[4]) if m[4] else vhi
            if hi < lo or vhi < vlo or hi > 31:
                raise TableError('bad bit slice %r' % part)
            if hi - lo != vhi - vlo:
                raise TableError('%r: instruction and value slices differ in width' % part)
            pieces.append((hi, lo, vlo))
        inst_seen = val_seen = 0
        for hi, lo, vlo in pieces:
            w = (1 << (hi - lo + 1)) - 1
            if inst_seen & (w << lo) or val_seen & (w << vlo):
                raise TableError('field %s uses a bit twice' % name)
            inst_seen |= w << lo
            val_seen |= w << vlo
        sext, add = False, 0
        for mod in mods:
            if mod == 'sext':
                sext = True
            elif re.fullmatch(r'\+\d+', mod):
                add = int(mod[1:])
            else:
                raise TableError('unknown field modifier %r' % mod)
        width = val_seen.bit_length()
        if width > 32 or (width > 31 and not sext):
            raise TableError('field %s does not fit an int32_t' % name)
        self.fields[name] = Field(name, pieces, width, sext, add, loc)

    def parse_csr(self, line, loc):
        words = line.split()
        if len(words) != 3:
            raise TableError('expected "csr NUMBER NAME"')
        try:
            first = int(words[1], 0)
        except ValueError:
            raise TableError('bad CSR number %r' % words[1]) from None
        m = re.fullmatch(r'([a-z][a-z0-9]*)(?:\{(\d+)\.\.(\d+)\}([a-z0-9]*))?', words[2])
        if not m:
            raise TableError('bad CSR name %r' % words[2])
        if m[2] is None:
            names = [m[1]]
        else:
            names = ['%s%d%s' % (m[1], i, m[4]) for i in range(int(m[2]), int(m[3]) + 1)]
        for i, name in enumerate(names):
            num = first + i
            if not 0 <= num < 4096:
                raise TableError('CSR number 0x%x out of range' % num)
            if num in self.csrs:
                raise TableError('CSR 0x%03x already named %s' % (num, self.csrs[num]))
            if name in self.csrs.values():
                raise TableError('CSR name %s used twice' % name)
            self.csrs[num] = name

    def field_ref(self, name):
        if name not in self.fields:
            raise TableError('unknown field %r' % name)
        return self.fields[name]

    def parse_insn(self, line, loc):
        m = re.fullmatch(r'([^"]*)"([^"]*)"', line)
        if not m:
            raise TableError('instruction line must end with a quoted disassembly template')
        words, template = m[1].split(), m[2].strip()
        if len(words) < 2:
            raise TableError('expected "NAME PATTERN ... \\"TEMPLATE\\""')
        name, pattern, rest = words[0], words[1].replace('_', ''), words[2:]
        if not re.fullmatch(r'[a-z][a-z0-9.]*', name):
            raise TableError('bad instruction name %r' % name)
        if len(pattern) not in (16, 32) or not re.fullmatch(r'[01-]+', pattern):
            raise TableError('pattern must be 16 or 32 characters of 0, 1, - (and _)')
        width = len(pattern)
        mask = int(''.join('0' if c == '-' else '1' for c in pattern), 2)
        match = int(pattern.replace('-', '0'), 2)
        if mask & 3 != 3 or (match & 3 == 3) != (width == 32):
            raise TableError('bits 1:0 must be fixed, 11 for a 32-bit and not 11 for a 16-bit pattern')

        op, slots, constraints, over = name, {}, [], None
        i = 0
        while i < len(rest):
            tok = rest[i]
            i += 1
            if tok == '=>':
                if i >= len(rest):
                    raise TableError('"=>" needs an instruction name')
                op = rest[i]
                i += 1
            elif (cm := re.fullmatch(r'(\w+)(==|!=)(-?\w+)', tok)):
                constraints.append(Constraint(self.field_ref(cm[1]), cm[2] == '==', int(cm[3], 0)))
            elif (am := re.fullmatch(r'(\w+)(?:=([\w.-]+))?', tok)):
                # "rd" is short for "rd=rd".
                key, val = am[1], am[2] or am[1]
                if key == 'over':
                    over = val
                elif key in SLOTS:
                    if key in slots:
                        raise TableError('operand %s given twice' % key)
                    slots[key] = int(val, 0) if re.fullmatch(r'-?\d+', val) else self.field_ref(val)
                else:
                    raise TableError('unknown operand %r' % key)
            else:
                raise TableError('cannot parse %r' % tok)

        for slot in REG_SLOTS:
            v = slots.get(slot)
            if isinstance(v, int) and not 0 <= v < 32:
                raise TableError('%s=%d is not a register' % (slot, v))
            if isinstance(v, Field) and (v.sext or v.max_value > 31):
                raise TableError('field %s cannot hold a register number' % v.name)

        used = 0
        for v in slots.values():
            if isinstance(v, Field):
                used |= v.inst_bits
        for c in constraints:
            used |= c.field.inst_bits
        free = ~mask & ((1 << width) - 1)
        if free & ~used:
            raise TableError('free bits %s are used by no operand or constraint'
                             % bit_list(free & ~used))
        for v in list(slots.values()) + [c.field for c in constraints]:
            if isinstance(v, Field) and v.inst_bits >> width:
                raise TableError('field %s lies outside a %d-bit instruction' % (v.name, width))

        check_template(template, slots)
        if any(i.name == name for i in self.insns):
            raise TableError('instruction %s defined twice' % name)
        self.insns.append(Insn(name, loc, width, mask, match, op, slots, constraints, over, template))

    def finish(self):
        """Cross-line checks, run after every table has been read."""
        names = {i.name for i in self.insns if i.op == i.name}
        for i in self.insns:
            if i.name == 'illegal':
                raise TableError('%s: "illegal" is reserved for OP_ILLEGAL' % i.loc)
            if i.op != 'illegal' and i.op not in names:
                raise TableError('%s: %s expands to %s, which is not a base instruction'
                                 % (i.loc, i.name, i.op))
            if i.width == 16 and (i.mask & 0xe003) != 0xe003:
                raise TableError('%s: a 16-bit pattern must fix bits 15:13 and 1:0' % i.loc)
            if i.width == 32 and (i.mask & 0x7f) != 0x7f:
                raise TableError('%s: a 32-bit pattern must fix the opcode, bits 6:0' % i.loc)
        check_overlaps(self.insns)


def bit_list(m):
    return ','.join(str(b) for b in range(31, -1, -1) if m >> b & 1)


PLACEHOLDER = re.compile(r'\{(\w+)(?::(\w+))?\}')


def check_template(template, slots):
    if not template:
        raise TableError('empty disassembly template')
    for m in PLACEHOLDER.finditer(template):
        slot, kind = m[1], m[2]
        if slot not in slots:
            raise TableError('template shows operand %r, which the line does not set' % slot)
        if kind is not None and kind not in KINDS:
            raise TableError('template uses unknown kind %r' % kind)
        if slot == 'imm' and kind == 'reg':
            raise TableError('imm cannot be shown as a register')
    if re.search(r'[{}]', PLACEHOLDER.sub('', template)):
        raise TableError('stray brace in template %r' % template)


# ---------------------------------------------------------------------------
# Overlap check
# ---------------------------------------------------------------------------

def check_overlaps(insns):
    """Every encoding may match at most one line, except where a line is
    marked over=OTHER and its pattern strictly refines OTHER's."""
    for a, b in itertools.combinations(insns, 2):
        if a.width != b.width or (a.match ^ b.match) & a.mask & b.mask:
            continue
        example = common_encoding(a, b)
        if example is None:
            continue
        if refines(a, b) or refines(b, a):
            continue
        raise TableError('%s: %s and %s (%s) both match 0x%x; make the patterns or '
                         'constraints disjoint, or mark the more specific line over=OTHER'
                         % (a.loc, a.name, b.name, b.loc, example))
    for a in insns:
        if a.over is not None:
            others = [b for b in insns if b.name == a.over]
            if not others or not refines(a, others[0]):
                raise TableError('%s: over=%s, but %s does not refine that pattern'
                                 % (a.loc, a.over, a.name))


def refines(a, b):
    return a.over == b.name and a.mask & b.mask == b.mask and a.mask != b.mask \
        and (a.match & b.mask) == b.match


def common_encoding(a, b):
    """An encoding both lines accept, or None.  Only the bits that the
    constraints read and the patterns leave open need enumerating."""
    mask, match = a.mask | b.mask, a.match | b.match
    read = 0
    for c in a.constraints + b.constraints:
        read |= c.field.inst_bits
    open_bits = [bit for bit in range(a.width) if (read & ~mask) >> bit & 1]
    if len(open_bits) > MAX_ENUM_BITS:
        return match
    for values in itertools.product((0, 1), repeat=len(open_bits)):
        raw = match
        for bit, v in zip(open_bits, values):
            raw |= v << bit
        if a.matches(raw) and b.matches(raw):
            return raw
    return None


# ---------------------------------------------------------------------------
# C output
# ---------------------------------------------------------------------------

HEADER = '/* Generated by isa/gen.py from %s: do not edit. */\n'


def c_field_function(f):
    terms = []
    for hi, lo, vlo in sorted(f.pieces, key=lambda p: -p[2]):
        vmask = ((1 << (hi - lo + 1)) - 1) << vlo
        if lo >= vlo:
            expr = '(raw >> %d)' % (lo - vlo) if lo != vlo else 'raw'
        else:
            expr = '(raw << %d)' % (vlo - lo)
        terms.append('(%s & 0x%xu)' % (expr, vmask))
    body = ['    uint32_t v = %s;' % ' | '.join(terms)]
    shift = 32 - f.width
    if f.sext and shift:
        ret = '(int32_t)(v << %d) >> %d' % (shift, shift)
    else:
        ret = '(int32_t)v'
    if f.add:
        ret += ' + %d' % f.add
    body.append('    return %s;' % ret)
    pieces = ','.join('%d:%d=%d' % p for p in f.pieces)
    return ('/* %s: %s%s */\nstatic inline int32_t %s(uint32_t raw)\n{\n%s\n}\n'
            % (f.name, pieces, ' sext' if f.sext else '', f.cname, '\n'.join(body)))


def c_slot_value(slot, v):
    if not isinstance(v, Field):
        return str(v)
    if slot in REG_SLOTS:
        return '(uint8_t)%s(raw)' % v.cname
    return '%s(raw)' % v.cname


def c_match_block(i, indent):
    pad = ' ' * indent
    cond = ['(raw & 0x%xu) == 0x%xu' % (i.mask, i.match)] + [c.c_expr() for c in i.constraints]
    out = ['%sif (%s) {  /* %s */' % (pad, ' && '.join(cond), i.name)]
    if i.op == 'illegal':
        out.append('%s    return illegal(raw, out, %s);' % (pad, i.form))
    else:
        out.append('%s    out->op = %s;' % (pad, op_enum(i.op)))
        for slot in SLOTS:
            if slot in i.slots:
                out.append('%s    out->%s = %s;' % (pad, slot, c_slot_value(slot, i.slots[slot])))
        out.append('%s    return %s;' % (pad, i.form))
    out.append('%s}' % pad)
    return out


def ordered(lines):
    """Most specific pattern first, so an over= line is tried before the
    line it refines; otherwise table order (the lines are disjoint)."""
    return sorted(lines, key=lambda i: -popcount(i.mask))


def c_switch(groups, key_expr, key_name, indent, sub=None):
    pad = ' ' * indent
    out = ['%sswitch (%s) {' % (pad, key_expr)]
    for key in sorted(groups):
        lines = groups[key]
        out.append('%scase 0x%x:  /* %s */' % (pad, key, key_name(key, lines)))
        if sub:
            out += sub(lines, indent + 4)
        else:
            for i in ordered(lines):
                out += c_match_block(i, indent + 4)
        out.append('%s    break;' % pad)
    out.append('%s}' % pad)
    return out


def c_funct3_switch(lines, indent):
    # A second switch pays off once a major opcode holds many lines that
    # all differ in funct3 (OP, OP-IMM, loads, branches, SYSTEM).
    if len(lines) <= 3 or any((i.mask >> 12) & 7 != 7 for i in lines):
        out = []
        for i in ordered(lines):
            out += c_match_block(i, indent)
        return out
    groups = {}
    for i in lines:
        groups.setdefault((i.match >> 12) & 7, []).append(i)
    return c_switch(groups, '(raw >> 12) & 7', lambda k, ls: 'funct3 %d' % k, indent)


def gen_decoder(table, src):
    q16, op32 = {}, {}
    for i in table.insns:
        if i.width == 16:
            q16.setdefault(((i.match >> 11) & 0x1c) | (i.match & 3), []).append(i)
        else:
            op32.setdefault(i.match & 0x7f, []).append(i)
    fields = {}
    for i in table.insns:
        for v in list(i.slots.values()) + [c.field for c in i.constraints]:
            if isinstance(v, Field):
                fields[v.name] = v
    ops = [i.name for i in table.insns if i.op == i.name]

    out = [HEADER % src, '#include "isa_forms.h"', '#include "isa_ops.h"', '#include "insn.h"', '']
    out.append('const char *const isa_op_name[OP_COUNT] = {')
    out.append('    [OP_ILLEGAL] = "illegal",')
    out += ['    [%s] = "%s",' % (op_enum(n), n) for n in ops]
    out += ['};', '']
    out += [c_field_function(f) for f in sorted(fields.values(), key=lambda f: f.name)]
    out += ['/* Reserved and unknown encodings keep their bits for the trap value. */',
            'static unsigned illegal(uint32_t raw, struct insn *out, unsigned form)',
            '{', '    out->op = OP_ILLEGAL;', '    out->imm = (int32_t)raw;', '    return form;', '}', '']
    out += ['unsigned isa_decode_form(uint32_t raw, struct insn *out)', '{']
    out += ['    *out = (struct insn){ .len = (raw & 3) == 3 ? 4 : 2 };',
            '    if (out->len == 2) {',
            '        raw &= 0xffff;']
    out += c_switch(q16, '((raw >> 11) & 0x1c) | (raw & 3)',
                    lambda k, ls: 'quadrant %d, funct3 %d' % (k & 3, k >> 2), 8)
    out += ['    } else {']
    out += c_switch(op32, 'raw & 0x7f', lambda k, ls: 'opcode %s' % format(k, '07b'), 8,
                    sub=c_funct3_switch)
    out += ['    }', '    return illegal(raw, out, FORM_NONE);', '}', '',
            'unsigned isa_decode(uint32_t raw, struct insn *out)',
            '{', '    isa_decode_form(raw, out);', '    return out->len;', '}', '']
    return '\n'.join(out)


def c_string(s):
    return '"%s"' % s.replace('\\', '\\\\').replace('"', '\\"').replace('\t', '\\t')


def c_template(template):
    """Turn a template into a printf format and its arguments."""
    mnemonic, _, operands = template.partition(' ')
    text = mnemonic + ('\t' + operands.strip() if operands.strip() else '')
    fmt, args, pos, tmp = '', [], 0, 0
    for m in PLACEHOLDER.finditer(text):
        fmt += text[pos:m.start()].replace('%', '%%')
        pos = m.end()
        slot = m[1]
        kind = m[2] or ('reg' if slot in REG_SLOTS else 'd')
        v = 'in.' + slot
        if kind == 'reg':
            fmt += '%s'
            args.append('isa_reg_name[%s]' % v)
        elif kind == 'd':
            fmt += '%d'
            args.append('(int)%s' % v)
        elif kind == 'x':
            fmt += '0x%x'
            args.append('(unsigned)%s' % v)
        elif kind == 'hi':
            fmt += '0x%x'
            args.append('((uint32_t)%s >> 12) & 0xfffffu' % v)
        elif kind == 'pc':
            fmt += '%llx'
            args.append('(unsigned long long)(pc + (uint64_t)(int64_t)%s)' % v)
        elif kind == 'aqrl':
            fmt += '%s'
            args.append('aqrl_suffix[%s & 3]' % v)
        else:
            fmt += '%s'
            if kind == 'csr':
                args.append('csr_text((unsigned)%s, tmp[%d])' % (v, tmp))
            else:
                shift = 4 if kind == 'pred' else 0
                args.append('fence_set(((unsigned)%s >> %d) & 15, tmp[%d])' % (v, shift, tmp))
            tmp += 1
    fmt += text[pos:].replace('%', '%%')
    if tmp > 2:
        raise TableError('template %r needs more than two text buffers' % template)
    return fmt, args


DISAS_SUPPORT = r'''
const char *const isa_reg_name[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
    "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
    "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

static const char *const aqrl_suffix[4] = { "", ".rl", ".aq", ".aqrl" };

const char *isa_csr_name(unsigned csr)
{
    size_t lo = 0, hi = sizeof csr_table / sizeof csr_table[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (csr_table[mid].num == csr)
            return csr_table[mid].name;
        if (csr_table[mid].num < csr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

int isa_csr_number(const char *name)
{
    for (size_t i = 0; i < sizeof csr_table / sizeof csr_table[0]; i++)
        if (strcmp(csr_table[i].name, name) == 0)
            return csr_table[i].num;
    return -1;
}

static const char *csr_text(unsigned csr, char buf[16])
{
    const char *name = isa_csr_name(csr);
    if (name)
        return name;
    snprintf(buf, 16, "0x%x", csr);
    return buf;
}

/* A fence predecessor/successor set as objdump writes it. */
static const char *fence_set(unsigned set, char buf[16])
{
    char *p = buf;
    if (set == 0)
        return "unknown";
    if (set & 8)
        *p++ = 'i';
    if (set & 4)
        *p++ = 'o';
    if (set & 2)
        *p++ = 'r';
    if (set & 1)
        *p++ = 'w';
    *p = '\0';
    return buf;
}
'''


def gen_disas(table, src):
    cases, need_tmp = [], False
    for i in table.insns:
        fmt, args = c_template(i.template)
        need_tmp |= any('tmp[' in a for a in args)
        cases += ['    case %s:' % i.form,
                  '        snprintf(buf, size, %s%s);' % (c_string(fmt), ''.join(', ' + a for a in args)),
                  '        break;']
    out = [HEADER % src,
           '#include <stdio.h>', '#include <string.h>', '',
           '#include "isa_forms.h"', '#include "isa_ops.h"', '#include "insn.h"', '',
           'static const struct { uint16_t num; const char *name; } csr_table[] = {']
    out += ['    { 0x%03x, "%s" },' % (n, table.csrs[n]) for n in sorted(table.csrs)]
    out += ['};', DISAS_SUPPORT,
            'unsigned isa_disas(uint64_t pc, uint32_t raw, char *buf, size_t size)', '{',
            '    struct insn in;']
    if need_tmp:
        out.append('    char tmp[2][16];  /* CSR and fence-set text */')
    out += ['', '    switch (isa_decode_form(raw, &in)) {']
    out += cases
    out += ['    default:',
            '        if (in.len == 2)',
            '            snprintf(buf, size, ".2byte\\t0x%x", (unsigned)(raw & 0xffff));',
            '        else',
            '            snprintf(buf, size, ".4byte\\t0x%x", (unsigned)raw);',
            '        break;',
            '    }',
            '    return in.len;',
            '}', '']
    return '\n'.join(out)


def gen_ops_header(table, src):
    ops = [i.name for i in table.insns if i.op == i.name]
    out = [HEADER % src,
           '#ifndef ISA_OPS_H', '#define ISA_OPS_H', '',
           '#include <stddef.h>', '#include <stdint.h>', '',
           '#ifdef __cplusplus', 'extern "C" {', '#endif', '',
           'struct insn;', '',
           'enum isa_op {', '    OP_ILLEGAL = 0,']
    out += ['    %s,' % op_enum(n) for n in ops]
    out += ['    OP_COUNT', '};', '',
            '/* Base instruction names ("addi", "fence.i"), indexed by enum isa_op. */',
            'extern const char *const isa_op_name[OP_COUNT];',
            '/* ABI register names, as the disassembler prints them. */',
            'extern const char *const isa_reg_name[32];', '',
            '/* Decode one instruction (only the low 16 bits matter if raw & 3 != 3).',
            ' * Fills op, rd, rs1, rs2, imm and len; cost and flags are 0.  Returns len. */',
            'unsigned isa_decode(uint32_t raw, struct insn *out);',
            '/* Disassemble like "objdump -d -M no-aliases", without the <symbol>',
            ' * after a target address.  Returns the instruction length. */',
            'unsigned isa_disas(uint64_t pc, uint32_t raw, char *buf, size_t size);',
            '/* Standard CSR name of a number, or NULL. */',
            'const char *isa_csr_name(unsigned csr);',
            '/* CSR number of a name, or -1. */',
            'int isa_csr_number(const char *name);', '',
            '#ifdef __cplusplus', '}', '#endif', '', '#endif', '']
    return '\n'.join(out)


def gen_forms_header(table, src):
    out = [HEADER % src,
           '/* Internal to the generated decoder and disassembler: one form per',
           ' * table line, so that c.addi and addi disassemble differently. */',
           '#ifndef ISA_FORMS_H', '#define ISA_FORMS_H', '',
           '#include <stdint.h>', '',
           'struct insn;', '',
           'enum isa_form {', '    FORM_NONE = 0,']
    out += ['    %s,' % i.form for i in table.insns]
    out += ['    FORM_COUNT', '};', '',
            '/* isa_decode, also telling which table line matched (FORM_NONE if none). */',
            'unsigned isa_decode_form(uint32_t raw, struct insn *out);', '',
            '#endif', '']
    return '\n'.join(out)


def load(paths):
    table = Table()
    for p in paths:
        table.parse_file(p)
    table.finish()
    return table


def main():
    ap = argparse.ArgumentParser(description='Generate the decoder and disassembler.')
    ap.add_argument('-o', '--outdir', required=True, type=Path)
    ap.add_argument('tables', nargs='+')
    args = ap.parse_args()
    try:
        table = load(args.tables)
    except TableError as e:
        sys.exit('isa/gen.py: %s' % e)
    src = ', '.join('isa/' + Path(p).name for p in args.tables)
    outputs = {
        'isa_ops.h': gen_ops_header(table, src),
        'isa_forms.h': gen_forms_header(table, src),
        'isa_decode.c': gen_decoder(table, src),
        'isa_disas.c': gen_disas(table, src),
    }
    for name, text in outputs.items():
        (args.outdir / name).write_text(text)


if __name__ == '__main__':
    main()
