#!/usr/bin/env python3
"""Run a bare-metal guest program on amber and/or QEMU and compare.

Default (differential) mode: run PROG.elf on `amber exec` and on
`qemu-system-riscv64 -M virt`, require the same UART output (stdout) and
the same exit status, and that status to be --expect (default 0).

  diff_qemu.py --amber AMBER --qemu QEMU PROG.elf
  diff_qemu.py --amber-only --amber AMBER --expect 3 PROG.elf
  diff_qemu.py --qemu-only --qemu QEMU [--machine spike] PROG.elf

QEMU runs with -icount shift=0: its clock then advances one nanosecond per
instruction, which makes timer interrupts deterministic and minstret
exact (see README.md). Its sifive_test finisher exits with status 0 on
pass and with the code from bits 31:16 on fail; the spike machine exits
with the HTIF tohost test number.
"""

import argparse
import difflib
import os
import subprocess
import sys

AMBER_TIMEOUT_EXIT = 124


def command_for(path):
    """A command list for an executable; python scripts run with this python."""
    if path.endswith('.py'):
        return [sys.executable, path]
    return [path]


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return None, e.stdout or b'', e.stderr or b''
    return p.returncode, p.stdout, p.stderr


def qemu_cmd(qemu, machine, elf):
    return command_for(qemu) + [
        '-M', machine, '-bios', 'none', '-nographic', '-monitor', 'none',
        '-icount', 'shift=0', '-kernel', elf]


def amber_cmd(amber, elf, max_insns):
    return command_for(amber) + ['exec', elf, '--max-insns', str(max_insns)]


def show(name, rc, out, err):
    print(f'--- {name}: exit status {"TIMEOUT" if rc is None else rc}')
    sys.stdout.write(out.decode('utf-8', 'replace'))
    if err:
        print(f'--- {name} stderr:')
        sys.stdout.write(err.decode('utf-8', 'replace')[-4000:])


def check_status(name, rc, expect):
    if rc is None:
        print(f'FAIL: {name} timed out')
        return False
    if rc == AMBER_TIMEOUT_EXIT and name == 'amber':
        print('FAIL: amber hit --max-insns (exit 124)')
        return False
    if rc != expect:
        print(f'FAIL: {name} exited with {rc}, expected {expect}')
        return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('elf')
    ap.add_argument('--amber', help='amber executable')
    ap.add_argument('--qemu', default='qemu-system-riscv64', help='qemu-system-riscv64')
    ap.add_argument('--machine', default='virt', help='QEMU machine (virt, or spike for tohost)')
    ap.add_argument('--expect', type=int, default=0, help='expected exit status')
    ap.add_argument('--max-insns', type=int, default=50_000_000)
    ap.add_argument('--timeout', type=float, default=60.0, help='seconds per run')
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument('--amber-only', action='store_true')
    mode.add_argument('--qemu-only', action='store_true')
    a = ap.parse_args()

    if not os.path.exists(a.elf):
        print(f'no such program: {a.elf}')
        return 2
    if not a.qemu_only and not a.amber:
        print('--amber is required unless --qemu-only')
        return 2

    ok = True
    if not a.qemu_only:
        arc, aout, aerr = run(amber_cmd(a.amber, a.elf, a.max_insns), a.timeout)
    if not a.amber_only:
        qrc, qout, qerr = run(qemu_cmd(a.qemu, a.machine, a.elf), a.timeout)

    if a.amber_only:
        show('amber', arc, aout, aerr)
        ok = check_status('amber', arc, a.expect)
    elif a.qemu_only:
        show('qemu', qrc, qout, qerr)
        ok = check_status('qemu', qrc, a.expect)
    else:
        show('amber', arc, aout, aerr)
        show('qemu', qrc, qout, qerr)
        ok = check_status('amber', arc, a.expect) & check_status('qemu', qrc, a.expect)
        if arc != qrc:
            print(f'FAIL: exit status differs: amber {arc}, qemu {qrc}')
            ok = False
        if aout != qout:
            print('FAIL: UART output differs (--- qemu, +++ amber):')
            sys.stdout.writelines(difflib.unified_diff(
                qout.decode('utf-8', 'replace').splitlines(True),
                aout.decode('utf-8', 'replace').splitlines(True),
                'qemu', 'amber'))
            ok = False
    print('PASS' if ok else 'FAILED')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
