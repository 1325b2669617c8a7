#!/usr/bin/env python3
"""Differential test of Amber's disassembler against GNU objdump.

    difftest.py STAGE --tool TOOL --cc CC --objdump OBJDUMP --work DIR
                --src DIR --tables TABLE...

Stages:
  table    every 16-bit encoding, every CSR number, each 32-bit table line
           with extreme and random operand bits and with each fixed bit
           flipped, and random words
  asm      all_insns.S, every table line in assembler syntax; also checks
           that it covers every line of the tables
  program  prog.c linked with picolibc, and all of the libc.a and libgcc.a
           it links against

objdump -d -M no-aliases and isa_disas_tool must print the same text for
every instruction, after normalising whitespace and dropping objdump's
"<symbol>" and "# comment" annotations.  Only the table stage, which feeds
reserved encodings, tolerates the KNOWN_DEVIATIONS below.  Xamber
(xamber.isa, custom-0/custom-1) is unknown to binutils: its lines are not
compared here, and random words that decode to it are tolerated; the
round-trip test xamber_roundtrip.py checks its disassembly instead.
"""

import argparse
import random
import re
import subprocess
import sys
from pathlib import Path

MARCH = 'rv64imac_zicsr_zifencei_zicbom'
# Libraries come from the rv64imac/lp64 multilib; the extensions Zicsr,
# Zifencei and Zicbom would make gcc pick the default multilib instead.
LINK_MARCH = 'rv64imac'
ABI = 'lp64'

XAMBER_TABLE = 'xamber.isa'

# Encodings where we follow the RISC-V spec and objdump 2.40 does not.
KNOWN_DEVIATIONS = [
    ('fence with reserved fm, rd or rs1 (executes as a fence; objdump prints a word)',
     lambda w, theirs, ours: w & 0x707f == 0x000f and theirs.startswith('.4byte ')
     and ours.startswith('fence')),
    ('fence.i with reserved fields set (they are ignored; objdump prints a word)',
     lambda w, theirs, ours: w & 0x707f == 0x100f and theirs.startswith('.4byte ')
     and ours == 'fence.i'),
    ('c.addi16sp with immediate 0 (reserved; objdump decodes it)',
     lambda w, theirs, ours: w == 0x6101 and ours == '.2byte 0x6101'),
    ('uret, hret, sfence.vm of withdrawn drafts (illegal here; objdump decodes them)',
     lambda w, theirs, ours: theirs.split(' ')[0] in ('uret', 'hret', 'sfence.vm')
     and ours.startswith('.4byte ')),
]

LINE = re.compile(r'^\s*([0-9a-f]+):\t([0-9a-f]{4}|[0-9a-f]{8}) *\t(.*)$')


def run(cmd, **kw):
    r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit('command failed: %s\n%s%s' % (' '.join(map(str, cmd)), r.stdout, r.stderr))
    return r.stdout


def normalise(text):
    text = re.sub(r'\s+#.*$', '', text)
    text = re.sub(r'\s*<[^>]*>$', '', text)
    return ' '.join(text.split())


def disassemble(args, path):
    """(address, word, text) for each instruction objdump shows.  Data dumps
    have no second tab and are skipped, as are words whose low bits announce
    an instruction longer than 32 bits, which Amber does not have."""
    out = run([args.objdump, '-d', '-M', 'no-aliases', path])
    items = []
    for line in out.splitlines():
        m = LINE.match(line)
        if m and int(m[2], 16) & 0x1f != 0x1f:
            items.append((int(m[1], 16), int(m[2], 16), normalise(m[3])))
    return items


def compare(args, name, items, deviations=()):
    if not items:
        sys.exit('%s: objdump showed no instructions' % name)
    stdin = ''.join('%x %x\n' % (addr, word) for addr, word, _ in items)
    ours = [normalise(t) for t in run([args.tool], input=stdin).splitlines()]
    if len(ours) != len(items):
        sys.exit('%s: the tool printed %d lines for %d instructions' % (name, len(ours), len(items)))
    tolerated = [0] * len(deviations)
    bad = []
    for (addr, word, theirs), mine in zip(items, ours):
        if theirs == mine:
            continue
        for i, (_, allowed) in enumerate(deviations):
            if allowed(word, theirs, mine):
                tolerated[i] += 1
                break
        else:
            bad.append('  %x: %0*x  objdump: %-40s ours: %s'
                       % (addr, 8 if word & 3 == 3 else 4, word, theirs, mine))
    print('%s: %d instructions compared, %d differ' % (name, len(items), len(bad)))
    for (what, _), n in zip(deviations, tolerated):
        if n:
            print('  tolerated %d: %s' % (n, what))
    for line in bad[:40]:
        print(line)
    return not bad


def assemble(args, source, obj):
    run([args.cc, '-march=' + MARCH, '-mabi=' + ABI, '-c', source, '-o', obj])


def load_tables(args):
    sys.path.insert(0, str(Path(args.tables[0]).resolve().parent))
    sys.dont_write_bytecode = True      # keep the source tree clean
    import gen
    return gen.load(args.tables)


def xamber_deviations(table):
    """Where objdump cannot know Xamber: its opcodes and its CSR names."""
    opcodes = {i.match & 0x7f for i in table.insns if i.file == XAMBER_TABLE}
    csrs = {n: name for n, name in table.csrs.items() if table.csr_files[n] == XAMBER_TABLE}
    return [
        ('Xamber instructions (objdump prints a word)',
         lambda w, theirs, ours: w & 0x7f in opcodes and theirs.startswith('.4byte ')
         and not ours.startswith('.4byte ')),
        ('Xamber CSRs (objdump prints the number)',
         lambda w, theirs, ours: w & 0x7f == 0x73 and w >> 20 in csrs
         and theirs == ours.replace(csrs[w >> 20], '0x%x' % (w >> 20))),
    ]


def stage_table(args):
    table = load_tables(args)
    rng = random.Random(20240601)
    words = [h for h in range(1 << 16) if h & 3 != 3]
    words += [(csr << 20) | 0x2573 for csr in range(4096)]     # csrrs a0, csr, zero
    for insn in table.insns:
        if insn.width != 32 or insn.file == XAMBER_TABLE:
            continue                                            # covered above, or not by binutils
        free = ~insn.mask & 0xffffffff
        fills = [0, free] + [rng.getrandbits(32) & free for _ in range(64)]
        words += [insn.match | f for f in fills]
        words += [(insn.match | (rng.getrandbits(32) & free)) ^ (1 << bit)
                  for bit in range(2, 32) if insn.mask >> bit & 1]
    words += [rng.getrandbits(32) | 3 for _ in range(50000)]
    words = [w for w in words if w & 0x1f != 0x1f]
    source = args.work / 'table.S'
    source.write_text('\t.text\n' + ''.join('\t.insn 0x%x\n' % w for w in words))
    assemble(args, source, args.work / 'table.o')
    items = disassemble(args, args.work / 'table.o')
    if len(items) != len(words):
        sys.exit('table: objdump showed %d of %d instructions' % (len(items), len(words)))
    return compare(args, 'table', items, KNOWN_DEVIATIONS + xamber_deviations(table))


def stage_asm(args):
    table = load_tables(args)
    obj = args.work / 'all_insns.o'
    assemble(args, args.src / 'all_insns.S', obj)
    items = disassemble(args, obj)
    ok = compare(args, 'all_insns.S', items)
    mnemonics = {text.split(' ')[0] for _, _, text in items}
    for insn in table.insns:
        if insn.file == XAMBER_TABLE:
            continue                                            # binutils cannot assemble it
        pattern = re.escape(insn.template.split(' ')[0]).replace(
            re.escape('{imm:aqrl}'), r'(\.aq|\.rl|\.aqrl)?')
        if not any(re.fullmatch(pattern, m) for m in mnemonics):
            print('all_insns.S lacks %s (%s)' % (insn.name, insn.loc))
            ok = False
    return ok


def stage_program(args):
    ok = True
    archives = set()
    for opt in ('-O2', '-Os'):
        obj = args.work / ('prog%s.o' % opt)
        elf = args.work / ('prog%s.elf' % opt)
        run([args.cc, '--specs=picolibc.specs', '-march=' + MARCH, '-mabi=' + ABI,
             '-mcmodel=medany', opt, '-c', args.src / 'prog.c', '-o', obj])
        trace = run([args.cc, '--specs=picolibc.specs', '--oslib=semihost',
                     '-march=' + LINK_MARCH, '-mabi=' + ABI, '-mcmodel=medany',
                     obj, '-o', elf, '-Wl,--trace'])
        archives |= set(re.findall(r'^(\S+\.a)(?:\(|$)', trace, re.M))
        ok &= compare(args, 'prog.c ' + opt, disassemble(args, elf))
    if not archives:
        sys.exit('program: the link pulled in no libraries')
    for lib in sorted(archives):
        ok &= compare(args, Path(lib).name, disassemble(args, lib))
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('stage', choices=('table', 'asm', 'program'))
    ap.add_argument('--tool', required=True)
    ap.add_argument('--cc', required=True)
    ap.add_argument('--objdump', required=True)
    ap.add_argument('--work', required=True, type=Path)
    ap.add_argument('--src', required=True, type=Path)
    ap.add_argument('--tables', required=True, nargs='+')
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    stage = {'table': stage_table, 'asm': stage_asm, 'program': stage_program}[args.stage]
    sys.exit(0 if stage(args) else 1)


if __name__ == '__main__':
    main()
