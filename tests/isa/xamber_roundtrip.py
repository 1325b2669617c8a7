#!/usr/bin/env python3
"""Round trip of the Xamber disassembly, which binutils cannot check.

    xamber_roundtrip.py --tool TOOL --tables TABLE...

For every line of xamber.isa, words with extreme and random operand bits
are disassembled by isa_disas_tool; the text is parsed back with the
line's template and encoded again from the table's fields, which must give
the same word.  Random words of the Xamber opcodes that no line matches
must print as ".4byte", as reserved encodings do.
"""

import argparse
import random
import re
import subprocess
import sys
from pathlib import Path

XAMBER_TABLE = 'xamber.isa'
RANDOM_PER_LINE = 3000
RANDOM_RESERVED = 20000


def load_tables(paths):
    sys.path.insert(0, str(Path(paths[0]).resolve().parent))
    sys.dont_write_bytecode = True      # keep the source tree clean
    import gen
    return gen, gen.load(paths)


def disassemble(tool, words, pc=0x10000):
    stdin = ''.join('%x %x\n' % (pc, w) for w in words)
    out = subprocess.run([tool], input=stdin, capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    if len(lines) != len(words):
        sys.exit('the tool printed %d lines for %d words' % (len(lines), len(words)))
    return lines


class Parser:
    """Turns the disassembly of one table line back into its operands."""

    def __init__(self, gen, table, insn):
        self.gen, self.table, self.insn = gen, table, insn
        types = sorted(table.tagtypes.values(), key=len, reverse=True)
        name = '(?:%s|\\d+)' % '|'.join(types)
        letters = '[%s]+' % ''.join(table.access.values())
        pattern = {'reg': '(%s)' % '|'.join(gen.REG_NAMES),
                   'd': '(-?\\d+)', 'x': '(0x[0-9a-f]+)', 'pc': '([0-9a-f]+)',
                   'off8': '(\\d+)', 'type': '(%s)' % name, 'ptype': '(%s)' % name,
                   'tag': '(%s(?:\\+%s)?)' % (name, letters), 'acc': '(%s)' % letters}
        mnemonic, _, operands = insn.template.partition(' ')
        text = mnemonic + ('\t' + operands if operands else '')
        regex, self.places, pos = '', [], 0
        for m in gen.PLACEHOLDER.finditer(text):
            regex += re.escape(text[pos:m.start()])
            kind = m[2] or ('reg' if m[1] in gen.REG_SLOTS else 'd')
            regex += pattern[kind]
            self.places.append((m[1], kind))
            pos = m.end()
        self.regex = re.compile(regex + re.escape(text[pos:]) + '$')

    def type_code(self, text):
        return int(text) if text.isdigit() else self.table.type_code(text)

    def acc_mask(self, text):
        bits = {n: b - 4 for b, n in self.table.access.items()}
        return sum(1 << bits[c] for c in text)

    def encode(self, text, pc):
        m = self.regex.match(text)
        if not m:
            return None
        values = {}
        for (slot, kind), got in zip(self.places, m.groups()):
            if kind == 'reg':
                v = self.gen.REG_NAMES.index(got)
            elif kind in ('d', 'x', 'off8'):
                v = int(got, 0)
            elif kind == 'pc':
                v = int(got, 16) - pc
            elif kind == 'type':
                v = self.type_code(got)
            elif kind == 'ptype':
                v = self.type_code(got) - 8
            elif kind == 'tag':
                t, _, acc = got.partition('+')
                v = self.type_code(t) | self.acc_mask(acc) << 4
            else:
                v = self.acc_mask(got)
            values[slot] = values.get(slot, 0) | v
        raw = self.insn.match
        for slot, f in self.insn.slots.items():
            if isinstance(f, self.gen.Field):
                v = values[slot] - f.add
                for hi, lo, vlo in f.pieces:
                    raw |= (v >> vlo & ((1 << (hi - lo + 1)) - 1)) << lo
        return raw


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--tool', required=True)
    ap.add_argument('--tables', required=True, nargs='+')
    args = ap.parse_args()
    gen, table = load_tables(args.tables)
    lines = [i for i in table.insns if i.file == XAMBER_TABLE]
    rng = random.Random(20261122)
    bad = []
    for insn in lines:
        free = ~insn.mask & 0xffffffff
        fills = [0, free] + [rng.getrandbits(32) & free for _ in range(RANDOM_PER_LINE)]
        words = sorted({insn.match | f for f in fills if insn.matches(insn.match | f)})
        parser = Parser(gen, table, insn)
        for w, text in zip(words, disassemble(args.tool, words)):
            again = parser.encode(text, 0x10000)
            if again != w:
                bad.append('%08x: %-40s re-encodes as %s' % (w, text, 'nothing' if again is None
                                                             else '%08x' % again))
        print('%-10s %5d encodings round-trip' % (insn.name, len(words)))
    opcodes = sorted({i.match & 0x7f for i in lines})
    words = [rng.getrandbits(25) << 7 | rng.choice(opcodes) for _ in range(RANDOM_RESERVED)]
    reserved = [w for w in words if not any(i.matches(w) for i in lines)]
    for w, text in zip(reserved, disassemble(args.tool, reserved)):
        if text != '.4byte\t0x%x' % w:
            bad.append('%08x: reserved, but printed %s' % (w, text))
    print('%d reserved encodings print as .4byte' % len(reserved))
    for line in bad[:40]:
        print(line)
    sys.exit(1 if bad or not lines else 0)


if __name__ == '__main__':
    main()
