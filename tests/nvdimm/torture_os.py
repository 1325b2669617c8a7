#!/usr/bin/env python3
"""amber torture on the whole system: on a fresh image each time, the
firmware (from the flash image) installs the OS, then power cuts land at
random in the install, the boot, the OS's checkpoints; after every power-on
the OS checks its store and reports through PWR_CHECK. Plain and adversarial
runs must pass, the original image is tortured in place (--in-place) so the
test also sees that the image then still checks clean. Standard library only."""
import argparse
import os
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--flash", required=True)
    a = ap.parse_args()
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed, mode in ((1, []), (2, ["--adversarial"]), (3, ["--adversarial"])):
            img = os.path.join(tmp, f"os-{seed}.img")
            subprocess.run([a.amber, "image", "create", img], check=True)
            p = subprocess.run([a.amber, "torture", img, "--flash", a.flash, "--in-place", "--cuts", "40",
                                "--seed", str(seed), "--window", "6000000", *mode],
                               stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=100)
            print(p.stdout, end="")
            check = subprocess.run([a.amber, "image", "check", img], capture_output=True, text=True)
            if p.returncode != 0 or "torture: PASS" not in p.stdout or check.returncode != 0:
                print(f"FAIL: seed {seed} {mode}: exit status {p.returncode}, image check "
                      f"{check.returncode}\n{p.stderr}{check.stdout}{check.stderr}")
                failures += 1
    print(f"{failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
