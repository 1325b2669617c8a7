#!/usr/bin/env python3
"""The image file's safety (docs/nvdimm.md): a second amber on a locked image
fails clearly; truncated, corrupt, foreign and newer-version images give
exit status 2 with a message naming the problem and are left byte for byte
as they were; a SIGKILLed emulator leaves an image that checks clean and
still holds every acknowledged log entry."""
import argparse
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL", what)


def run(*cmd, **kw):
    return subprocess.run(list(cmd), capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          timeout=60, **kw)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def patch(path, off, data):
    with open(path, "r+b") as f:
        f.seek(off)
        f.write(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--elf", required=True)
    a = ap.parse_args()
    amber = a.amber
    with tempfile.TemporaryDirectory() as tmp:
        good = os.path.join(tmp, "good.img")
        check(run(amber, "image", "create", good, "--size", "4M").returncode == 0, "create")
        r = run(amber, "image", "create", good)
        check(r.returncode == 2 and "already exists" in r.stderr, "create refuses to overwrite")
        check(run(amber, "image", "check", good).returncode == 0, "fresh image checks clean")

        # Bad images: (name, how to spoil a copy, words the message must contain)
        def truncated(p): os.truncate(p, 100000)
        def corrupt(p): patch(p, 20, b"\xff")
        def foreign(p): patch(p, 0, b"NOTAMBER")
        def newer(p): patch(p, 8, b"\x02")
        def empty(p): os.truncate(p, 0)
        for name, spoil, words in [("truncated", truncated, "truncated"),
                                   ("corrupt", corrupt, "checksum"),
                                   ("foreign", foreign, "not an Amber image"),
                                   ("newer", newer, "newer amber"),
                                   ("empty", empty, "not an Amber image")]:
            p = os.path.join(tmp, name + ".img")
            shutil.copyfile(good, p)
            spoil(p)
            before = digest(p)
            for cmd in (["image", "info", p], ["image", "check", p],
                        ["exec", a.elf, "--image", p]):
                r = run(amber, *cmd)
                check(r.returncode == 2 and words in r.stderr,
                      f"{name}: {' '.join(cmd[:2])} exits 2 naming the problem (got {r.returncode}: {r.stderr.strip()})")
            check(digest(p) == before, f"{name}: the file is unchanged")

        # The lock, and SIGKILL in the middle of a long power-cut run.
        img = os.path.join(tmp, "kill.img")
        run(amber, "image", "create", img, "--size", "4M")
        p = subprocess.Popen([amber, "exec", a.elf, "--image", img, "--power-cut-random", "7",
                              "--power-cut-window", "40000", "--power-on-after-cut",
                              "--power-cuts", "1000000"],
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(0.3)
        r = run(amber, "exec", a.elf, "--image", img)
        check(r.returncode == 2 and "locked" in r.stderr, f"a second amber is refused ({r.stderr.strip()})")
        r = run(amber, "image", "check", img)
        check(r.returncode == 2 and "locked" in r.stderr, "check refuses an image in use")
        check(p.poll() is None, "the torture run is still running when killed")
        p.send_signal(signal.SIGKILL)
        out = p.communicate()[0].decode(errors="replace")
        acks = [int(m.group(1)) for m in re.finditer(r"^ack (\d+) \.$", out, re.M)]
        r = run(amber, "image", "check", img)
        check(r.returncode == 0, f"the killed run's image checks clean ({r.stderr.strip()})")
        r = run(amber, "image", "info", img)
        check("in use" in r.stdout, "info reports the unclean shutdown")
        r = run(amber, "exec", a.elf, "--image", img)
        m = re.search(r"^recovered (\d+) \.$", r.stdout, re.M)
        check(r.returncode == 0 and m and int(m.group(1)) > max(acks, default=-1),
              f"after SIGKILL every acknowledged entry survives (acked {max(acks, default=-1) + 1})")
    print("safety:", "FAIL" if failures else "ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
