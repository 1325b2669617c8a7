#!/usr/bin/env python3
"""Build the iCEBreaker bitstream for the graphics accelerator and report.

yosys synth_ice40 -> nextpnr-ice40 --up5k --package sg48 -> icepack, then a
plain-text report (logic cells, block RAM, SPRAM, DSP, Fmax against each
clock's target) in OUT/gfx_icebreaker_report.txt. Fails (exit 1) when the
design does not fit or misses a clock target: nextpnr itself refuses both
(no --timing-allow-fail), and the report is checked again here.

usage: synth_gfx.py --out DIR [--seed N] SOURCES... --pcf FILE
"""
import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path


def run(cmd, log):
    print("+", " ".join(str(c) for c in cmd), flush=True)
    with open(log, "w") as f:
        r = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        sys.stderr.write(Path(log).read_text()[-4000:])
        sys.exit(f"synth-gfx: {cmd[0]} failed (exit {r.returncode}); log in {log}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--pcf", required=True)
    ap.add_argument("--top", default="icebreaker_top")
    ap.add_argument("--seed", default="1")
    ap.add_argument("sources", nargs="+")
    a = ap.parse_args()

    for tool in ("yosys", "nextpnr-ice40", "icepack"):
        if not shutil.which(tool):
            sys.exit(f"synth-gfx: {tool} not found (scripts/dev.sh installs it)")

    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    json_nl = out / "gfx_icebreaker.json"
    asc = out / "gfx_icebreaker.asc"
    binf = out / "gfx_icebreaker.bin"
    rep = out / "gfx_icebreaker_pnr.json"
    t0 = time.time()

    # -dsp: the pixel-address and triangle-setup multipliers go to SB_MAC16.
    run(["yosys", "-q", "-l", out / "yosys.log", "-p",
         f"read_verilog {' '.join(a.sources)}; synth_ice40 -dsp -top {a.top} -json {json_nl}"],
        out / "yosys.stdout")
    run(["nextpnr-ice40", "--up5k", "--package", "sg48", "--json", json_nl, "--pcf", a.pcf,
         "--asc", asc, "--report", rep, "--seed", a.seed], out / "nextpnr.log")
    run(["icepack", asc, binf], out / "icepack.log")

    r = json.loads(rep.read_text())
    util = r["utilization"]
    fmax = {k: v for k, v in r["fmax"].items() if not k.startswith("$")}
    lines = [
        "Amber graphics accelerator on the iCEBreaker (iCE40 UP5K, SG48)",
        f"top {a.top}; yosys synth_ice40 -dsp, nextpnr-ice40 seed {a.seed}; "
        f"{time.time() - t0:.0f} s",
        "",
        "resource          used / available",
    ]
    for k, name in (("ICESTORM_LC", "logic cells"), ("ICESTORM_RAM", "BRAM (4 kbit)"),
                    ("ICESTORM_SPRAM", "SPRAM (256 kbit)"), ("ICESTORM_DSP", "DSP (MAC16)"),
                    ("ICESTORM_PLL", "PLL"), ("SB_IO", "I/O"), ("SB_GB", "global buffers")):
        u = util.get(k, {"used": 0, "available": 0})
        lines.append(f"{name:17} {u['used']:5} / {u['available']}")
    lines += ["", "clock        target MHz   achieved MHz   slack"]
    ok = True
    for clk, v in sorted(fmax.items()):
        good = v["achieved"] >= v["constraint"]
        ok &= good
        lines.append(f"{clk:12} {v['constraint']:10.3f}   {v['achieved']:12.2f}   "
                     f"{'met' if good else 'MISSED'}")
    for k, v in util.items():
        if v["used"] > v["available"]:
            ok = False
            lines.append(f"DOES NOT FIT: {k} {v['used']} > {v['available']}")
    lines += ["", f"bitstream {binf}", "program: iceprog " + str(binf)]
    text = "\n".join(lines) + "\n"
    (out / "gfx_icebreaker_report.txt").write_text(text)
    print(text)
    if not ok:
        sys.exit("synth-gfx: the design does not fit or misses its clock")


if __name__ == "__main__":
    main()
