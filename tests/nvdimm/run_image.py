#!/usr/bin/env python3
"""Run one guest program on a fresh 4 MiB image; pass if it passes."""
import argparse
import os
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--elf", required=True)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        img = os.path.join(tmp, "t.img")
        subprocess.run([a.amber, "image", "create", img, "--size", "4M"], check=True)
        return subprocess.run([a.amber, "exec", a.elf, "--image", img, "--max-insns", "10000000"],
                              stdin=subprocess.DEVNULL, timeout=60).returncode


if __name__ == "__main__":
    sys.exit(main())
