#!/usr/bin/env python3
"""The power-fail warning: with --power-fail-window the guest (pfail.c) sees
the warning and its marker reaches the image before the cut; without a
window there is no warning and nothing reaches the image."""
import argparse
import os
import struct
import subprocess
import sys
import tempfile

DATA_OFF = 0x10000
MARKER = 0x6e696172756f6e65


def run(a, tmp, window):
    img = os.path.join(tmp, f"w{window}.img")
    subprocess.run([a.amber, "image", "create", img, "--size", "4M"], check=True)
    r = subprocess.run([a.amber, "exec", a.elf, "--image", img, "--power-cut-at", "300000",
                        "--power-fail-window", str(window)],
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    with open(img, "rb") as f:
        f.seek(DATA_OFF)
        marker, work = struct.unpack("<QQ", f.read(16))
    return r, marker, work


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--elf", required=True)
    a = ap.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        r, marker, work = run(a, tmp, 20000)
        if r.returncode != 123 or "warned" not in r.stdout or marker != MARKER or work == 0:
            print(f"FAIL with a window: status {r.returncode}, marker {marker:#x}, {r.stderr.strip()}")
            ok = False
        r, marker, _ = run(a, tmp, 0)
        if r.returncode != 123 or "warned" in r.stdout or marker != 0:
            print(f"FAIL without a window: status {r.returncode}, marker {marker:#x}")
            ok = False
    print("warning:", "ok" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
