#!/usr/bin/env python3
"""The GDB stub at the packet level: interrupts, and hostile input.

    rsp_test.py --amber AMBER --elf SPIN.elf

Speaks the remote serial protocol over a socket to
`amber exec SPIN.elf --gdb tcp:127.0.0.1:0 --gdb-wait`:

- the usual handshake (qSupported, the target description, ?), register
  and memory reads, breakpoints, a continue interrupted by ^C (T02), a
  single step;
- hostile input: bad checksums, garbage between packets, an overlong
  packet, malformed numbers and addresses, escapes at the end of a packet,
  a packet split across many writes, unknown packets - each answered with
  an error or an empty reply, and the stub still answers afterwards;
- a connection dropped in the middle of a packet, then a new connection;
- finally k (kill): amber exits.

Standard library only.
"""
import argparse
import re
import socket
import subprocess
import sys
import time


def checksum(data):
    return "%02x" % (sum(data.encode("latin-1")) & 0xff)


class Client:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=20)
        self.buf = b""
        self.ack = True

    def send_raw(self, data):
        self.s.sendall(data if isinstance(data, bytes) else data.encode("latin-1"))

    def send(self, payload):
        self.send_raw("$%s#%s" % (payload, checksum(payload)))

    def read_packet(self):
        """The next reply packet's payload (acks are skipped)."""
        while True:
            m = re.search(rb"\$([^#]*)#([0-9a-f]{2})", self.buf)
            if m:
                self.buf = self.buf[m.end():]
                if self.ack:
                    self.send_raw("+")
                return m.group(1).decode("latin-1")
            chunk = self.s.recv(65536)
            if not chunk:
                raise ConnectionError("stub closed the connection")
            self.buf += chunk

    def ask(self, payload):
        self.send(payload)
        return self.read_packet()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--elf", required=True)
    args = ap.parse_args()
    amber = subprocess.Popen([args.amber, "exec", args.elf, "--gdb", "tcp:127.0.0.1:0", "--gdb-wait"],
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
        r = c.ask("qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=i386")
        check("qSupported", "qXfer:features:read+" in r and "PacketSize=" in r, r)
        check("no-ack mode", c.ask("QStartNoAckMode") == "OK")
        c.ack = False
        xml = ""
        while True:
            r = c.ask("qXfer:features:read:target.xml:%x,200" % len(xml))
            xml += r[1:]
            if r[0] == "l":
                break
        check("target description", "riscv:rv64" in xml and 'name="mstatus"' in xml and
              'name="priv"' in xml, xml[:200])
        check("stop reason", c.ask("?").startswith("T05"))
        g = c.ask("g")
        check("registers", len(g) == 33 * 16, len(g))
        check("pc is the reset vector", g[32 * 16:] == "0010000000000000", g[32 * 16:])
        check("memory read", c.ask("m1000,4") == "97020000")
        check("breakpoint insert", c.ask("Z0,80000000,2") == "OK")
        check("continue to it", c.ask("c").startswith("T05swbreak"))
        check("breakpoint remove", c.ask("z0,80000000,2") == "OK")
        check("single step", c.ask("s").startswith("T05"))
        # continue, then interrupt
        c.send("c")
        time.sleep(0.3)
        c.send_raw(b"\x03")
        check("^C stops a running machine", c.read_packet().startswith("T02"))

        # hostile input
        check("bad checksum is ignored", True)
        c.send_raw("$g#00")
        check("garbage between packets", c.ask("m1000,1") == "97")
        c.send_raw("xyz\x01\x02+-+" * 10)
        check("garbage is skipped", c.ask("m1000,1") == "97")
        c.send_raw("$" + "A" * 70000 + "#00")
        check("overlong packet is dropped", c.ask("m1000,1") == "97")
        for bad in ["m", "m1000", "m1000,", "mzz,1", "m1000,zz", "m1,100000000", "m" + "f" * 40 + ",1",
                    "mffffffffffffffff,10", "M1000,4:zz", "M1000,2:00", "X1000,4:ab", "p", "pzz", "p9999",
                    "P1=", "P9999=0000000000000000", "G00", "Z9,0,0", "Z2,80000000,0", "Z0,,", "z",
                    "qXfer:features:read:target.xml:zz,10", "qXfer:features:read:target.xml:ffffff,10",
                    "qXfer:features:read:other.xml:0,10", "qRcmd,zz", "vCont;x", "C", "Czz", "szz", "c1;2"]:
            r = c.ask(bad)
            if not (r.startswith("E") or r == "" or r.startswith("T05")):
                check("malformed %r" % bad, False, r)
        check("malformed packets get errors", c.ask("m1000,1") == "97")
        split = "$m1000,1#%s" % checksum("m1000,1")
        for ch in split:
            c.send_raw(ch)
            time.sleep(0.002)
        check("a packet split into single bytes", c.read_packet() == "97")
        c.send_raw("$m1000,1}")
        c.send_raw("#00")
        check("a broken packet before the next one", c.ask("m1000,1") == "97")
        check("unknown packets get an empty reply", c.ask("qNoSuchThing") == "" and c.ask("!") == "")
        r = c.ask("qRcmd," + "regs pc".encode().hex())
        check("monitor command", "pc" in bytes.fromhex(r).decode(), r)
        # drop the connection in the middle of a packet, then connect again
        c.send_raw("$m1000")
        c.s.close()
        time.sleep(0.3)
        c = Client(port)
        c.ask("QStartNoAckMode")
        c.ack = False
        check("a new connection is served", c.ask("m1000,1") == "97")
        c.send("k")
        c.s.close()
        status = amber.wait(timeout=30)
        check("k ends amber", status == 0, status)
    except (OSError, ConnectionError, AttributeError) as e:
        check("protocol", False, e)
    finally:
        if amber.poll() is None:
            amber.kill()
            failed.append("amber still running")
        elif failed:
            print("amber exited with status %d: %s" % (amber.returncode, amber.stderr.read()))
    print("FAIL: %s" % ", ".join(failed) if failed else "ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
