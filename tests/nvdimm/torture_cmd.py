#!/usr/bin/env python3
"""amber torture on the self-checking log (tlog.c): plain and adversarial
runs pass; a given image and an image run from flash work (and an image
argument is tortured on a copy, the original untouched); the broken build
(-DNO_FLUSH) is caught in adversarial mode with exit status 1; bad usage is
exit status 2. Standard library only."""
import argparse
import hashlib
import os
import re
import subprocess
import sys
import tempfile

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL: " + msg, flush=True)


def torture(amber, *args):
    """Run amber torture with its own TMPDIR, which must be empty afterwards
    (the scratch image or the copy is deleted)."""
    with tempfile.TemporaryDirectory() as scratch:
        env = dict(os.environ, TMPDIR=scratch)
        p = subprocess.run([amber, "torture", *args], stdin=subprocess.DEVNULL, capture_output=True,
                           text=True, timeout=100, env=env)
        check(os.listdir(scratch) == [], f"torture {args} left {os.listdir(scratch)} behind")
    return p.returncode, p.stdout, p.stderr


def summary(out):
    m = re.search(r"checks passed (\d+), failed (\d+); power-ons cut before their check ran (\d+)", out)
    return tuple(int(x) for x in m.groups()) if m else None


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--elf", required=True)
    ap.add_argument("--broken", required=True)
    a = ap.parse_args()
    win = ["--window", "400000"]

    for mode in ([], ["--adversarial"]):
        rc, out, err = torture(a.amber, a.elf, "--cuts", "300", "--seed", "7", *win, *mode)
        s = summary(out)
        check(rc == 0 and s and s[0] > 0 and s[1] == 0 and "final power-on: check passed" in out,
              f"torture {mode}: rc {rc}\n{out}{err}")
        print(out, end="")
        # The same seed repeats exactly.
        rc2, out2, _ = torture(a.amber, a.elf, "--cuts", "300", "--seed", "7", *win, *mode)
        check(rc2 == rc and out2 == out, f"torture {mode} is not reproducible")

    rc, out, err = torture(a.amber, a.broken, "--cuts", "60", "--seed", "7", *win, "--adversarial")
    s = summary(out)
    check(rc == 1 and s and s[1] > 0 and "torture: FAIL" in out,
          f"the unflushed log was not caught: rc {rc}\n{out}{err}")
    print(out, end="")

    with tempfile.TemporaryDirectory() as tmp:
        img = os.path.join(tmp, "w.img")
        subprocess.run([a.amber, "image", "create", img, "--size", "4M"], check=True)
        rc, out, err = torture(a.amber, a.elf, "--cuts", "10", "--seed", "3", *win, "--image", img)
        check(rc == 0, f"torture --image: rc {rc}\n{out}{err}")
        info = subprocess.run([a.amber, "image", "info", img], capture_output=True, text=True).stdout
        check(re.search(r"power cycles\D*11\b", info) is not None,
              f"the image did not record 10 cuts and the final stop:\n{info}")
        # An image argument runs from flash on a copy; the original stays as it was.
        before = digest(img)
        rc, out, err = torture(a.amber, img, "--flash", a.elf, "--cuts", "10", "--seed", "4", *win)
        check(rc == 0 and "final power-on: check passed" in out, f"torture IMAGE: rc {rc}\n{out}{err}")
        check(digest(img) == before, "torture IMAGE changed the original image")
        rc, out, err = torture(a.amber, img, "--flash", a.elf, "--cuts", "3", "--seed", "4", *win,
                               "--in-place")
        check(rc == 0 and digest(img) != before, f"torture --in-place: rc {rc}\n{out}{err}")

    for bad in ([a.elf], [a.elf, "--cuts", "3"], [a.elf, "--cuts", "x", "--seed", "1"],
                ["/nonexistent", "--cuts", "1", "--seed", "1"], [a.elf, "--cuts", "1", "--seed", "1", "--bogus"],
                [a.elf, "--cuts", "1", "--seed", "1", "--in-place"]):
        rc, out, err = torture(a.amber, *bad)
        check(rc == 2 and err.startswith("amber: ") and err.count("\n") == 1,
              f"torture {bad}: rc {rc}, stderr {err!r}")

    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
