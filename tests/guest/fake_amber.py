#!/usr/bin/env python3
"""A stand-in for `amber exec PROG.elf [--max-insns N] [--stats]`, used to
test diff_qemu.py before (or without) the real emulator: it runs the
program on QEMU's virt machine and passes its output and exit status on.
FAKE_AMBER_CORRUPT=1 appends a byte to the output, FAKE_AMBER_EXIT=N
replaces the exit status, so that the differential test must fail.
Environment FAKE_AMBER_QEMU names the QEMU binary."""

import os
import subprocess
import sys


def main():
    args = sys.argv[1:]
    if len(args) < 2 or args[0] != 'exec':
        print('usage: fake_amber.py exec PROG.elf [--max-insns N] [--stats]', file=sys.stderr)
        return 2
    elf = args[1]
    rest = args[2:]
    while rest:
        if rest[0] == '--max-insns' and len(rest) >= 2 and rest[1].isdigit():
            rest = rest[2:]
        elif rest[0] == '--stats':
            rest = rest[1:]
        else:
            print(f'fake_amber: bad argument {rest[0]}', file=sys.stderr)
            return 2
    if not os.path.exists(elf):
        print(f'fake_amber: no such file {elf}', file=sys.stderr)
        return 2
    qemu = os.environ.get('FAKE_AMBER_QEMU', 'qemu-system-riscv64')
    p = subprocess.run([qemu, '-M', 'virt', '-bios', 'none', '-nographic', '-monitor', 'none',
                        '-icount', 'shift=0', '-kernel', elf],
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, timeout=60)
    out = p.stdout
    if os.environ.get('FAKE_AMBER_CORRUPT'):
        out += b'!'
    sys.stdout.buffer.write(out)
    sys.stdout.flush()
    if os.environ.get('FAKE_AMBER_EXIT'):
        return int(os.environ['FAKE_AMBER_EXIT'])
    return p.returncode


if __name__ == '__main__':
    sys.exit(main())
