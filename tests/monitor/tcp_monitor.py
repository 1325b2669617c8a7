#!/usr/bin/env python3
"""The monitor on a loopback TCP port.

    tcp_monitor.py --amber AMBER --elf SPIN.elf

Runs `amber exec SPIN.elf --monitor tcp:127.0.0.1:0` and, over a socket:
commands and their answers; cont, a command while running (refused), and
stop; hostile input (an overlong line, binary bytes, telnet negotiation,
a line cut by a dropped connection); a second client while one is
connected (refused); a reconnection; quit, after which amber exits 0.

Standard library only.
"""
import argparse
import re
import socket
import subprocess
import sys
import time

PROMPT = b"(amber) "


class Client:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=20)
        self.buf = b""

    def until(self, token):
        while token not in self.buf:
            chunk = self.s.recv(65536)
            if not chunk:
                raise ConnectionError("monitor closed the connection")
            self.buf += chunk
        text, _, self.buf = self.buf.partition(token)
        return text.decode("latin-1")

    def cmd(self, line):
        self.s.sendall(line.encode("latin-1") + b"\n")
        return self.until(PROMPT)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--elf", required=True)
    args = ap.parse_args()
    amber = subprocess.Popen([args.amber, "exec", args.elf, "--monitor", "tcp:127.0.0.1:0"],
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    port = int(re.search(r"127\.0\.0\.1:(\d+)", amber.stderr.readline()).group(1))
    failed = []

    def check(what, cond, detail=""):
        print(("ok   " if cond else "FAIL ") + what + ("" if cond else ": %r" % (detail,)))
        if not cond:
            failed.append(what)

    try:
        c = Client(port)
        greeting = c.until(PROMPT)
        check("greeting", "amber monitor" in greeting, greeting)
        r = c.cmd("regs pc")
        check("a command", "0x0000000000001000" in r, r)
        r = c.cmd("break spins")
        check("an error is one line", r.startswith("breakpoint") or r.count("\n") == 1, r)
        c.cmd("delete")
        c.s.sendall(b"cont\n")
        time.sleep(0.3)
        c.s.sendall(b"regs\n")
        r = c.until(b"\n")
        check("commands are refused while running", "machine is running" in r, r)
        c.s.sendall(b"stop\n")
        r = c.until(PROMPT)
        check("stop stops it", "stopped" in r and "=>" in r, r)
        r = c.cmd("x" * 5000)
        check("an overlong line is refused", "line too long" in r, r[:100])
        r = c.cmd("\x00\x01\x02\xff\xfe\xfd garbage \x1b[A")
        check("binary bytes are an unknown command", r.startswith("error:"), r)
        r = c.cmd("\xff\xfb\x01\xff\xfd\x03regs pc")
        check("telnet negotiation is dropped", "pc" in r, r)
        second = socket.create_connection(("127.0.0.1", port), timeout=20)
        r = second.recv(1000)
        check("a second client is refused", b"another monitor" in r, r)
        second.close()
        c.s.sendall(b"regs p")
        c.s.close()
        time.sleep(0.3)
        c = Client(port)
        c.until(PROMPT)
        r = c.cmd("print 1 + 1")
        check("a new client after a drop", "0x2 2" in r, r)
        c.s.sendall(b"quit\n")
        status = amber.wait(timeout=30)
        check("quit ends amber with status 0", status == 0, status)
    except (OSError, ConnectionError) as e:
        check("session", False, e)
    finally:
        if amber.poll() is None:
            amber.kill()
            failed.append("amber still running")
    print("FAIL: %s" % ", ".join(failed) if failed else "ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
