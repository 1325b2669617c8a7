#!/usr/bin/env python3
"""Generate Amber's instruction decoder and disassembler from the ISA tables.

    gen.py -o OUTDIR [--guest TABLE]... TABLE...
    gen.py --doc FILE TABLE...          write the encoding tables (Markdown)
    gen.py --check-doc FILE TABLE...    fail if FILE differs from what --doc writes

Reads the tables (format: isa/README.md), checks them, and writes isa_ops.h,
isa_forms.h, isa_decode.c and isa_disas.c into OUTDIR, and for each --guest
table NAME.isa the guest header NAME.h (constants and .insn wrappers).  Any
error in a table stops the build with "file:line: message".
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
KINDS = ('reg', 'd', 'x', 'hi', 'pc', 'csr', 'pred', 'succ', 'aqrl',
         'type', 'tag', 'acc', 'off8', 'ptype')
# Kinds that show a tag type, tag byte or access mask by name (Xamber).
TAG_KINDS = ('type', 'tag', 'acc', 'ptype')
EFFECTS = ('mem', 'rdrw')
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
    effects: frozenset

    @property
    def file(self):
        return self.loc.split(':')[0]

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
        self.csr_files = {}     # number -> table file
        self.tagtypes = {}      # code -> name
        self.access = {}        # tag bit -> one-letter name
        self.values = []        # (name, type name, datum, file)
        self.causes = []        # (code, name, file)

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
                elif word in ('tagtype', 'access', 'value', 'cause'):
                    self.parse_tag_line(word, line.split()[1:], loc)
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
            self.csr_files[num] = loc.split(':')[0]

    def parse_tag_line(self, word, args, loc):
        """The Xamber tag format: tagtype, access, value and cause lines."""
        def number(text, lo, hi):
            try:
                v = int(text, 0)
            except ValueError:
                raise TableError('bad number %r' % text) from None
            if not lo <= v <= hi:
                raise TableError('%s %d out of range %d..%d' % (word, v, lo, hi))
            return v

        def name(text, pattern=r'[a-z][a-z0-9]*'):
            if not re.fullmatch(pattern, text):
                raise TableError('bad %s name %r' % (word, text))
            return text

        expect = {'tagtype': 2, 'access': 2, 'value': 3, 'cause': 2}[word]
        if len(args) != expect:
            raise TableError('expected %d operands after %s' % (expect, word))
        if word == 'tagtype':
            code, nm = number(args[0], 0, 15), name(args[1], r'[a-z][a-z0-9]{0,9}')
            if code in self.tagtypes or nm in self.tagtypes.values():
                raise TableError('tag type %s (%d) defined twice' % (nm, code))
            self.tagtypes[code] = nm
        elif word == 'access':
            bit, nm = number(args[0], 4, 7), name(args[1], r'[a-z]')
            if bit in self.access or nm in self.access.values():
                raise TableError('access bit %s (%d) defined twice' % (nm, bit))
            self.access[bit] = nm
        elif word == 'value':
            nm, tname, datum = name(args[0]), args[1], number(args[2], 0, (1 << 56) - 1)
            if any(v[0] == nm for v in self.values):
                raise TableError('value %s defined twice' % nm)
            self.values.append((nm, tname, datum, loc.split(':')[0]))
        else:
            code, nm = number(args[0], 0, 63), name(args[1])
            if any(c[0] == code or c[1] == nm for c in self.causes):
                raise TableError('cause %s (%d) defined twice' % (nm, code))
            self.causes.append((code, nm, loc.split(':')[0]))

    def type_code(self, name):
        for code, nm in self.tagtypes.items():
            if nm == name:
                return code
        raise TableError('unknown tag type %r' % name)

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

        op, slots, constraints, over, effects = name, {}, [], None, frozenset()
        i = 0
        while i < len(rest):
            tok = rest[i]
            i += 1
            if tok == '=>':
                if i >= len(rest):
                    raise TableError('"=>" needs an instruction name')
                op = rest[i]
                i += 1
            elif tok.startswith('effect='):
                effects = frozenset(tok[len('effect='):].split('+'))
                if not effects <= set(EFFECTS):
                    raise TableError('unknown effect in %r (known: %s)' % (tok, ', '.join(EFFECTS)))
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
        self.insns.append(Insn(name, loc, width, mask, match, op, slots, constraints, over,
                               template, effects))

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
        for nm, tname, _, _ in self.values:
            self.type_code(tname)
        uses_tags = any(PLACEHOLDER_KIND.search(i.template) for i in self.insns)
        if uses_tags and not (self.tagtypes and self.access):
            raise TableError('templates show tag types or access bits, but no table names them')


def bit_list(m):
    return ','.join(str(b) for b in range(31, -1, -1) if m >> b & 1)


PLACEHOLDER = re.compile(r'\{(\w+)(?::(\w+))?\}')
PLACEHOLDER_KIND = re.compile(r'\{\w+:(%s)\}' % '|'.join(TAG_KINDS))


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
        elif kind == 'off8':
            fmt += '%d'
            args.append('(int)(%s & ~7)' % v)
        elif kind in TAG_KINDS:
            fmt += '%s'
            fn, arg = {'type': ('type_text', '(unsigned)%s & 15'),
                       'ptype': ('type_text', '8 | ((unsigned)%s & 7)'),
                       'tag': ('tag_text', '(unsigned)%s & 255'),
                       'acc': ('acc_text', '(unsigned)%s & 15')}[kind]
            args.append('%s(%s, tmp[%d])' % (fn, arg % v, tmp))
            tmp += 1
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


# ABI register names, as the disassembler prints them.
REG_NAMES = ('zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2',
             's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
             'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7',
             's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6')

DISAS_SUPPORT = '''
const char *const isa_reg_name[32] = {
%s
};
''' % '\n'.join('    %s,' % ', '.join('"%s"' % n for n in REG_NAMES[i:i + 8])
                  for i in range(0, 32, 8)) + r'''
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


def c_tag_support(table):
    """Names of tag types and access bits, for the tag kinds of templates."""
    names = ', '.join('[%d] = "%s"' % kv for kv in sorted(table.tagtypes.items()))
    letters = ''.join(table.access.get(4 + i, '?') for i in range(4))
    return r'''
static const char *const type_name[16] = { %s };

/* A type code by name, or in decimal if it is reserved. */
static const char *type_text(unsigned type, char buf[16])
{
    if (type_name[type])
        return type_name[type];
    snprintf(buf, 16, "%%u", type);
    return buf;
}

/* Access bits (mask bit i = tag bit 4+i) as letters, e.g. "rw". */
static const char *acc_text(unsigned mask, char buf[16])
{
    char *p = buf;
    for (unsigned i = 0; i < 4; i++)
        if (mask >> i & 1)
            *p++ = "%s"[i];
    if (p == buf)
        *p++ = '0';
    *p = '\0';
    return buf;
}

/* A tag byte: its type, then "+" and the access bits if any, e.g. "cons+rw". */
static const char *tag_text(unsigned tag, char buf[16])
{
    char type[16], acc[16];
    const char *t = type_text(tag & 15, type);
    if (tag >> 4)
        snprintf(buf, 16, "%%.10s+%%.4s", t, acc_text(tag >> 4, acc));
    else
        snprintf(buf, 16, "%%.10s", t);
    return buf;
}
''' % (names, letters)


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
    out += ['};', DISAS_SUPPORT]
    if any(PLACEHOLDER_KIND.search(i.template) for i in table.insns):
        out.append(c_tag_support(table))
    out += ['unsigned isa_disas(uint64_t pc, uint32_t raw, char *buf, size_t size)', '{',
            '    struct insn in;']
    if need_tmp:
        out.append('    char tmp[2][16];  /* CSR, fence-set and tag text */')
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


# ---------------------------------------------------------------------------
# Guest header: constants and .insn wrappers for the instructions of a table
# ---------------------------------------------------------------------------

# Where the standard formats keep their register fields.
REG_POS = {'rd': 7, 'rs1': 15, 'rs2': 20}
# Macro parameter names for the operands a template shows as constants.
PARAM_NAME = {'d': 'imm', 'x': 'imm', 'off8': 'off', 'ptype': 'type', 'type': 'type',
              'tag': 'tag', 'acc': 'acc', 'pc': 'label'}

GUEST_PROLOGUE = '''/* Xamber for guest code (docs/isa.md is the specification): the tag
 * format, exception causes, CSRs and named values as constants, usable on
 * any host; and, for RV64 targets, one wrapper per instruction built on the
 * assembler's .insn directive, so that stock GCC and binutils suffice.
 *
 * Wrappers are macros, because operands such as types, tags and offsets
 * are encoded in the instruction and must be constant expressions. Their
 * parameters follow the assembly syntax, except that a base register comes
 * before its offset: "am.ld rd,imm(rs1)" is am_ld(rs1, imm). An instruction
 * with a result yields it as a uint64_t; a branch takes a C label. */
#ifndef %(guard)s
#define %(guard)s

#include <stdint.h>

/* In a register, bits 63:56 hold the tag and bits 55:0 the datum. */
#define AM_TAG_SHIFT   56
#define AM_DATUM_MASK  ((UINT64_C(1) << 56) - 1)
#define AM_ACC_SHIFT   4   /* tag bits 7:4 are the access bits */
#define AM_PROTECTED   8   /* type codes 8..15 only S and M mode can create */
#define AM_CARD_SHIFT  9   /* the card table has a byte per 512 bytes */

#define AM_TAG(type, acc)   ((unsigned)(type) | (unsigned)(acc) << AM_ACC_SHIFT)
#define AM_MAKE(tag, datum) ((uint64_t)(tag) << AM_TAG_SHIFT | ((uint64_t)(datum) & AM_DATUM_MASK))
#define AM_TAGOF(v)         ((unsigned)((uint64_t)(v) >> AM_TAG_SHIFT))
#define AM_TYPEOF(v)        (AM_TAGOF(v) & 15u)
#define AM_ACCOF(v)         (AM_TAGOF(v) >> AM_ACC_SHIFT)
#define AM_DATUM(v)         ((int64_t)((uint64_t)(v) << 8) >> 8)  /* sign-extended */
#define AM_FIXNUM(n)        AM_MAKE(AM_T_FIXNUM, (n))
#define AM_FIXNUM_MAX       ((INT64_C(1) << 55) - 1)
#define AM_FIXNUM_MIN       (-(INT64_C(1) << 55))
'''


def c_encode(field, value):
    """C expression placing value (a C expression) into the field's bits."""
    v = '((uint32_t)(%s)%s)' % (value, ' - %du' % field.add if field.add else '')
    terms = ['((%s >> %d & 0x%xu) << %d)' % (v, vlo, (1 << (hi - lo + 1)) - 1, lo)
             for hi, lo, vlo in field.pieces]
    return ' | '.join(terms)


def guest_wrapper(insn):
    """One .insn wrapper macro for a base instruction, or a TableError."""
    places = [(m[1], m[2] or ('reg' if m[1] in REG_SLOTS else 'd'))
              for m in PLACEHOLDER.finditer(insn.template)]
    # Parameters in assembly order, but the base before the offset in "imm(rs1)".
    params = list(places)
    for k in range(len(params) - 1):
        if params[k][0] == 'imm' and params[k + 1] == ('rs1', 'reg') and '({rs1})' in insn.template:
            params[k], params[k + 1] = params[k + 1], params[k]
    regs = {slot for slot, kind in places if kind == 'reg'}
    for slot in regs:
        f = insn.slots[slot]
        if not (isinstance(f, Field) and f.pieces == [(REG_POS[slot] + 4, REG_POS[slot], 0)]):
            raise TableError('%s: %s is not in its standard place; no .insn wrapper'
                             % (insn.loc, slot))
    for slot in insn.slots:
        if not any(slot == p[0] for p in places):
            raise TableError('%s: operand %s is not shown, so it cannot be wrapped' % (insn.loc, slot))
    result = 'rd' in regs
    branch = any(kind == 'pc' for _, kind in places)
    # The instruction word without its register operands, as a C expression.
    consts = {}
    for slot, kind in places:
        if kind in ('reg', 'pc'):
            continue
        name = PARAM_NAME[kind]
        part = {'off8': '(%s) & ~7', 'ptype': '((%s) - 8) & 7'}.get(kind, '%s') % name
        consts.setdefault(slot, []).append(part)
    word = ['0x%08xu' % insn.match]
    for slot, parts in consts.items():
        word.append(c_encode(insn.slots[slot], ' | '.join('(%s)' % p for p in parts)))
    w = '(%s)' % ' | '.join(word)

    # Operand names carry a prefix: a bare [rs1] would be macro-expanded.
    def reg(slot):
        if slot in regs:
            return '%%[am_%s]' % slot
        return 'x%%[am_%s_]' % slot

    opc, f3 = insn.match & 0x7f, (insn.match >> 12) & 7
    if branch:
        text = '.insn b 0x%x, %d, %s, %s, %%l%%d' % (opc, f3, reg('rs1'), reg('rs2'))
    elif 'rd' in regs and 'rs2' in regs:
        if insn.mask >> 25 != 0x7f:
            raise TableError('%s: an R-type wrapper needs bits 31:25 fixed' % insn.loc)
        text = '.insn r 0x%x, %d, %d, %s, %s, %s' % (opc, f3, insn.match >> 25, reg('rd'),
                                                   reg('rs1'), reg('rs2'))
    elif 'rs2' in regs:
        text = '.insn s 0x%x, %d, %s, %%[am_imm_](%s)' % (opc, f3, reg('rs2'), reg('rs1'))
    else:
        text = '.insn i 0x%x, %d, %s, %s, %%[am_imm_]' % (opc, f3, reg('rd'), reg('rs1'))
    outs, ins = [], []
    for slot in ('rd', 'rs1', 'rs2'):
        if slot == 'rd' and result:
            outs.append('[am_rd] "%s"(am_rd_)' % ('+r' if 'rdrw' in insn.effects else '=r'))
        elif slot in regs:
            ins.append('[am_%s] "r"((uint64_t)(%s))' % (slot, slot))
        elif '%%[am_%s_]' % slot in text:
            ins.append('[am_%s_] "i"(%s >> %d & 31)' % (slot, w, REG_POS[slot]))
    if '%[am_imm_]' in text and text.startswith('.insn s'):
        ins.append('[am_imm_] "i"(((int32_t)%s >> 25) * 32 + (int32_t)(%s >> 7 & 31))' % (w, w))
    elif '%[am_imm_]' in text:
        ins.append('[am_imm_] "i"((int32_t)%s >> 20)' % w)
    if branch:
        text = text.replace('%l%d', '%%l%d' % len(ins))
    names = [('rd' if slot == 'rd' and 'rdrw' in insn.effects else
              slot if kind == 'reg' else PARAM_NAME[kind]) for slot, kind in params
             if not (slot == 'rd' and kind == 'reg' and 'rdrw' not in insn.effects)]
    if len(set(names)) != len(names):
        raise TableError('%s: two operands would share a parameter name' % insn.loc)
    clobber = ' : "memory"' if 'mem' in insn.effects else ''
    macro = c_ident(insn.name).lower()
    lines = ['/* %s */' % doc_syntax(insn)]
    head = '#define %s(%s)' % (macro, ', '.join(names))
    body = '__asm__ volatile("%s" : %s : %s%s)' % (text, ', '.join(outs), ', '.join(ins), clobber)
    if branch:
        body = '__asm__ goto("%s" : : %s : %s : label)' % (text, ', '.join(ins), clobber[3:])
        lines += [head + ' \\', '    %s' % body]
    elif result:
        init = ' = (uint64_t)(rd)' if 'rdrw' in insn.effects else ''
        lines += [head + ' __extension__({ \\',
                  '    uint64_t am_rd_%s; \\' % init,
                  '    %s; \\' % body,
                  '    am_rd_; })']
    else:
        lines += [head + ' \\', '    %s' % body]
    return '\n'.join(lines)


def gen_guest_header(table, file, src):
    stem = Path(file).stem
    guard = c_ident(stem) + '_H'
    out = [HEADER % src + GUEST_PROLOGUE % {'guard': guard}]
    out.append('/* Type codes (tag bits 3:0). */')
    out += ['#define AM_T_%s %d' % (c_ident(n), c) for c, n in sorted(table.tagtypes.items())]
    out += ['', '/* Access bits, as masks for am.chkacc (tag bit 4 + n). */']
    out += ['#define AM_ACC_%s 0x%x' % (c_ident(n), 1 << (b - 4)) for b, n in sorted(table.access.items())]
    out += ['', '/* Named values in register form. */']
    out += ['#define AM_%s AM_MAKE(AM_T_%s, %d)' % (c_ident(n), c_ident(t), d)
            for n, t, d, f in table.values if f == file]
    out += ['', '/* Exception causes (mcause, scause); xtval holds the offending value. */']
    out += ['#define AM_CAUSE_%s %d' % (c_ident(n), c) for c, n, f in table.causes if f == file]
    out += ['', '/* CSRs. */']
    out += ['#define AM_CSR_%s 0x%03x' % (c_ident(table.csrs[n]), n)
            for n in sorted(table.csrs) if table.csr_files[n] == file]
    out += ['', '#if defined(__riscv) && __riscv_xlen == 64', '']
    for i in table.insns:
        if i.file == file and i.op == i.name:
            out += [guest_wrapper(i), '']
    out += ['#endif', '', '#endif', '']
    return '\n'.join(out)


# ---------------------------------------------------------------------------
# Markdown: the encoding tables of the specification
# ---------------------------------------------------------------------------

DOC_OPERAND = {'hi': 'imm20', 'x': 'shamt', 'pc': 'offset', 'csr': 'csr', 'pred': 'pred',
               'succ': 'succ', 'aqrl': '[.aqrl]', 'off8': 'off', 'ptype': 'type',
               'type': 'type', 'tag': 'tag', 'acc': 'acc', 'd': 'imm'}


def doc_syntax(insn):
    def operand(m):
        kind = m[2] or ('reg' if m[1] in REG_SLOTS else 'd')
        return m[1] if kind == 'reg' else DOC_OPERAND[kind]
    return PLACEHOLDER.sub(operand, insn.template)


# Lowest bits of the usual instruction fields, where runs of fixed bits break.
FIELD_LOWS = {32: (25, 20, 15, 12, 7), 16: (13, 12, 7, 2)}


def doc_encoding(insn):
    """The bits MSB first: fixed bits as digits, the rest by field (and
    value bits where a field is split), e.g. "0000000 rs2 rs1 000 rd 0001011"."""
    owner = {}
    fields = [v for v in insn.slots.values() if isinstance(v, Field)]
    for f in fields + [c.field for c in insn.constraints]:
        for hi, lo, vlo in f.pieces:
            for b in range(lo, hi + 1):
                owner.setdefault(b, (f, vlo + b - lo))
    groups, b = [], insn.width - 1
    while b >= 0:
        if insn.mask >> b & 1:
            run = ''
            while b >= 0 and insn.mask >> b & 1:
                run += str(insn.match >> b & 1)
                b -= 1
                if b + 1 in FIELD_LOWS[insn.width]:
                    break
            groups.append(run)
            continue
        f, vhi = owner[b]
        vlo = vhi
        b -= 1
        while b >= 0 and not insn.mask >> b & 1 and owner[b][0] is f and owner[b][1] == vlo - 1:
            vlo -= 1
            b -= 1
        if vhi == f.width - 1 and vlo == 0:
            groups.append(f.name)
        else:
            groups.append('%s[%s]' % (f.name, vhi if vhi == vlo else '%d:%d' % (vhi, vlo)))
    return ' '.join(groups)


def doc_notes(insn):
    notes = []
    if insn.op != insn.name:
        notes.append('expands to %s' % insn.op)
    notes += ['%s %s %d' % (c.field.name, '=' if c.equal else '≠', c.value) for c in insn.constraints]
    return '; '.join(notes)


def gen_doc(table, files, src):
    out = ['<!-- Generated by isa/gen.py from %s: do not edit. After changing a table, run' % src,
           '     `ninja -C BUILD isa-doc` to refresh it; the isa-doc test fails while it is stale. -->',
           '', '# Amber-1 instruction encodings', '',
           'Generated from the instruction tables in `isa/` (format: `isa/README.md`).',
           'Encodings are shown MSB first: fixed bits as digits, the other bits by the',
           'field they belong to, `field[hi:lo]` where a field is split. Every',
           'encoding no line shows is reserved and raises illegal-instruction.']
    for file in files:
        insns = [i for i in table.insns if i.file == file]
        tagtypes = table.tagtypes if any(PLACEHOLDER_KIND.search(i.template) for i in insns) else {}
        values = [v for v in table.values if v[3] == file]
        causes = [c for c in table.causes if c[2] == file]
        csrs = [n for n in sorted(table.csrs) if table.csr_files[n] == file] if insns else []
        if not (insns or values or causes):
            continue
        out += ['', '## `isa/%s`' % file]
        if tagtypes:
            out += ['', '### Tag types', '', '| code | type | protected |', '|---:|---|---|']
            out += ['| %d | %s | %s |' % (c, tagtypes.get(c, '*reserved*'), 'yes' if c >= 8 else 'no')
                    for c in range(16)]
            out += ['', '### Access bits', '', '| tag bit | register bit | name |', '|---:|---:|---|']
            out += ['| %d | %d | %s |' % (b, 56 + b, n) for b, n in sorted(table.access.items())]
        if values:
            out += ['', '### Named values', '', '| name | type | datum | register form |',
                    '|---|---|---:|---|']
            out += ['| %s | %s | %d | `0x%016x` |' % (n, t, d, table.type_code(t) << 56 | d)
                    for n, t, d, _ in values]
        if causes:
            out += ['', '### Exception causes', '', '| cause | name |', '|---:|---|']
            out += ['| %d | %s |' % (c, n) for c, n, _ in causes]
        if csrs:
            out += ['', '### CSRs', '', '| number | name |', '|---|---|']
            out += ['| 0x%03x | %s |' % (n, table.csrs[n]) for n in csrs]
        if insns:
            out += ['', '### Instructions', '', '| instruction | encoding | notes |', '|---|---|---|']
            out += ['| `%s` | `%s` | %s |' % (doc_syntax(i), doc_encoding(i), doc_notes(i))
                    for i in insns]
    return '\n'.join(out) + '\n'


def load(paths):
    table = Table()
    for p in paths:
        table.parse_file(p)
    table.finish()
    return table


def main():
    ap = argparse.ArgumentParser(description='Generate the decoder and disassembler.')
    ap.add_argument('-o', '--outdir', type=Path)
    ap.add_argument('--guest', action='append', default=[], metavar='TABLE',
                    help='also write the guest header for this table')
    ap.add_argument('--doc', type=Path, help='write the encoding tables (Markdown)')
    ap.add_argument('--check-doc', type=Path, help='fail if this file is not what --doc writes')
    ap.add_argument('tables', nargs='+')
    args = ap.parse_args()
    files = [Path(p).name for p in args.tables]
    src = ', '.join('isa/' + f for f in files)
    try:
        table = load(args.tables)
        outputs = {}
        if args.outdir:
            outputs = {
                'isa_ops.h': gen_ops_header(table, src),
                'isa_forms.h': gen_forms_header(table, src),
                'isa_decode.c': gen_decoder(table, src),
                'isa_disas.c': gen_disas(table, src),
            }
            for g in args.guest:
                name = Path(g).name
                if name not in files:
                    raise TableError('--guest %s is not one of the tables' % g)
                outputs[Path(name).stem + '.h'] = gen_guest_header(table, name, 'isa/' + name)
        doc = gen_doc(table, files, src)
    except TableError as e:
        sys.exit('isa/gen.py: %s' % e)
    for name, text in outputs.items():
        (args.outdir / name).write_text(text)
    if args.doc:
        args.doc.write_text(doc)
    if args.check_doc:
        if not args.check_doc.exists() or args.check_doc.read_text() != doc:
            sys.exit('%s is stale: run "ninja -C BUILD isa-doc" and commit the result'
                     % args.check_doc)


if __name__ == '__main__':
    main()
