#!/usr/bin/env python3
"""The long torture run: 10,000 power cuts plain and 10,000 adversarial."""
import argparse
import subprocess
import sys

ap = argparse.ArgumentParser()
ap.add_argument("--amber", required=True)
ap.add_argument("--elf", required=True)
ap.add_argument("--torture", required=True)
a = ap.parse_args()
status = 0
for extra in ([], ["--adversarial"]):
    status |= subprocess.run([sys.executable, a.torture, "--amber", a.amber, "--elf", a.elf,
                              "--seeds", "100", "--cuts", "100"] + extra).returncode
sys.exit(status)
