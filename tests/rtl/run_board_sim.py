#!/usr/bin/env python3
"""Run the iCEBreaker board simulation (rtl/boards/icebreaker/sim) under
Icarus Verilog and fail unless it prints PASS and no FAIL.

usage: run_board_sim.py VVP_IMAGE WORKDIR
The frame it checks is left in WORKDIR/frame.ppm.
"""
import subprocess
import sys
from pathlib import Path

vvp_image, workdir = str(Path(sys.argv[1]).resolve()), Path(sys.argv[2])
workdir.mkdir(parents=True, exist_ok=True)
r = subprocess.run(["vvp", "-n", vvp_image], cwd=workdir, capture_output=True, text=True, timeout=600)
print(r.stdout, end="")
print(r.stderr, end="", file=sys.stderr)
ok = r.returncode == 0 and "PASS" in r.stdout and "FAIL" not in r.stdout
sys.exit(0 if ok else 1)
