#!/usr/bin/env python3
"""A gdb-multiarch batch session against amber's GDB stub.

    gdb_session.py --amber AMBER --gdb GDB --elf PROG.elf

Starts `amber exec PROG.elf --gdb tcp:127.0.0.1:0 --gdb-wait`, reads the
port it listens on, and has GDB: break at a symbol and continue to it, read
registers (a GPR, pc, a CSR and priv through the target description), step
an instruction, read memory, write a register and memory, hit a
watchpoint, run to the guest's end; amber must then exit with the guest's
status. Each expected line is a regular expression on GDB's output.

Standard library only.
"""
import argparse
import re
import subprocess
import sys

COMMANDS = [
    "set confirm off",
    "set pagination off",
    "break add",
    "continue",
    "info registers a0 a1 pc",
    "p/x $mstatus",
    "p $priv",
    "stepi",
    "p/x $pc",
    "x/4xg &table",
    "x/s greeting",
    "set var table[3] = 5",
    "p table[3]",
    "set var table[3] = 4",
    "delete",
    "watch counter",
    "continue",
    "bt 1",
    "monitor regs a0",
    "delete",
    "continue",
]

EXPECT = [
    r"Breakpoint 1 at 0x[0-9a-f]+: file .*prog\.c",
    r"Breakpoint 1, add \(a=a@entry=0, b=1\)",
    r"a0\s+0x0\s+0",
    r"a1\s+0x1\s+1",
    r"pc\s+0x[0-9a-f]+\s+0x[0-9a-f]+ <add>",
    r"\$1 = 0x[0-9a-f]+",
    r"\$2 = 3|\$2 = prv:3",
    r"\$3 = 0x[0-9a-f]+",
    r"<table>:\s+0x0+1\s+0x0+2",
    r'"hello, monitor"',
    r"\$4 = 5",
    r"Hardware watchpoint 2: counter",
    r"Old value = 0",
    r"New value = 1",
    r"bump \(\) at .*prog\.c",
    r"a0\s+0x[0-9a-f]{16}",
    r"\[Inferior 1 \(.*\) exited normally\]",
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--gdb", required=True)
    ap.add_argument("--elf", required=True)
    args = ap.parse_args()
    amber = subprocess.Popen([args.amber, "exec", args.elf, "--gdb", "tcp:127.0.0.1:0", "--gdb-wait"],
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    line = amber.stderr.readline()
    m = re.search(r"127\.0\.0\.1:(\d+)", line)
    if not m:
        amber.kill()
        print("amber did not report a port: %r" % line)
        return 1
    cmd = [args.gdb, "-batch", "-nx", "-ex", "set architecture riscv:rv64",
           "-ex", "target remote 127.0.0.1:%s" % m.group(1)]
    for c in COMMANDS:
        cmd += ["-ex", c]
    cmd.append(args.elf)
    try:
        g = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        amber.kill()
        print("gdb timed out")
        return 1
    out = g.stdout + g.stderr
    print(out)
    try:
        status = amber.wait(timeout=30)
    except subprocess.TimeoutExpired:
        amber.kill()
        print("amber did not exit after the session")
        return 1
    guest = amber.stdout.read()
    failed = [e for e in EXPECT if not re.search(e, out)]
    for e in failed:
        print("missing in GDB's output: %s" % e)
    if status != 0 or "prog: sum 10, counter 3" not in guest:
        print("amber exited with %d, guest output %r" % (status, guest))
        failed.append("exit")
    print("FAIL" if failed else "ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
