#!/usr/bin/env python3
"""The monitor on a terminal: line editing and history.

    tty_monitor.py --amber AMBER --spin SPIN.elf

Runs `amber exec SPIN.elf --monitor stdio` on a pseudo-terminal and types:
a command with a typo fixed by backspace, cursor movement and insertion,
^U and ^W, ^C to drop a line, the up arrow to repeat a command, a run
stopped by ^C, and ^D to leave. Standard library only.
"""
import argparse
import os
import pty
import select
import sys
import time

PROMPT = b"(amber) "


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--spin", required=True, help="a guest that runs until stopped")
    args = ap.parse_args()
    failed = []
    # pty.fork makes the terminal the child's controlling one, so that ^C
    # during a run is a SIGINT, as on a real terminal.
    pid, master = pty.fork()
    if pid == 0:
        os.execv(args.amber, [args.amber, "exec", args.spin, "--monitor", "stdio"])

    buf = b""

    def read_until(token, timeout=20):
        nonlocal buf
        end = time.time() + timeout
        while token not in buf:
            left = end - time.time()
            if left <= 0 or not select.select([master], [], [], left)[0]:
                raise TimeoutError("waiting for %r, have %r" % (token, buf[-300:]))
            try:
                chunk = os.read(master, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                raise ConnectionError("terminal closed; have %r" % buf[-300:])
            buf += chunk
        text, _, buf = buf.partition(token)
        return text.decode("latin-1")

    def typed(keys, what, expect):
        os.write(master, keys)
        read_until(b"\r\n")  # the editor's redraws, up to the Enter
        out = read_until(PROMPT)
        ok = expect in out
        print(("ok   " if ok else "FAIL ") + what + ("" if ok else ": %r" % out))
        if not ok:
            failed.append(what)
        return out

    try:
        read_until(PROMPT)
        typed(b"regs px\x7fc\r", "backspace", "pc             0x0000000000001000")
        typed(b"rint 6*7\x01p\x05\r", "^A inserts at the start, ^E goes to the end", "0x2a 42")
        typed(b"print 12\x1b[D+\x1b[C\x1b[H\x1b[F\r", "arrows move the cursor", "0x3 3")
        typed(b"junk junk\x15print 5\r", "^U kills the line", "0x5 5")
        typed(b"print 2 junk junk\x17\x17+ 3\r", "^W kills words", "0x5 5")
        os.write(master, b"nonsense\x03")
        read_until(PROMPT)
        typed(b"print 8\r", "^C drops the line", "0x8 8")
        typed(b"\x1b[A\x1b[A\x1b[A\x1b[B\r", "history", "0x5 5")
        os.write(master, b"cont\r")
        time.sleep(0.5)
        os.write(master, b"\x03")
        typed(b"", "^C stops a run", "stopped")
        os.write(master, b"\x04")
        _, status = os.waitpid(pid, 0)
        ok = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
        print(("ok   " if ok else "FAIL ") + "^D leaves")
        if not ok:
            failed.append("^D")
    except (TimeoutError, ConnectionError, OSError) as e:
        print("FAIL %s" % e)
        failed.append("session")
        os.kill(pid, 9)
    finally:
        os.close(master)
    print("FAIL: %s" % ", ".join(failed) if failed else "ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
