#!/usr/bin/env python3
"""Board-level simulation of the GC self-test under Icarus Verilog: builds
rtl/boards/icebreaker/sim/tb_gc_board.v with the board's sources, runs it
and passes when the testbench prints PASS (green LED, "GC PASS" on the
serial line).

usage: run_gc_board_sim.py IVERILOG VVP WORKDIR SOURCES..."""
import subprocess
import sys
from pathlib import Path


def main():
    iverilog, vvp, work, *sources = sys.argv[1:]
    Path(work).mkdir(parents=True, exist_ok=True)
    exe = str(Path(work) / "tb_gc_board.vvp")
    subprocess.run([iverilog, "-g2005", "-o", exe, *sources], check=True)
    r = subprocess.run([vvp, "-n", exe], capture_output=True, text=True)
    print(r.stdout, end="")
    sys.stderr.write(r.stderr)
    lines = r.stdout.strip().splitlines()
    sys.exit(0 if r.returncode == 0 and lines and lines[-1] == "PASS" else 1)


if __name__ == "__main__":
    main()
