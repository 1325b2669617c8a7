#!/usr/bin/env python3
"""Build an iCEBreaker bitstream and report: the synth-gfx and synth-gc targets.

yosys synth_ice40 -> nextpnr-ice40 --up5k --package sg48 -> icepack, then a
plain-text report (logic cells, block RAM, SPRAM, DSP, Fmax against each
clock's target) in OUT/NAME_icebreaker_report.txt. Fails (exit 1) when the
design does not fit or misses a clock target: nextpnr itself refuses both
(no --timing-allow-fail), and the report is checked again here.

usage: synth_ice40.py --name NAME --title TEXT --top MODULE [--spram]
                      --out DIR --pcf FILE [--seed N] SOURCES...
"""
import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path


def run(target, cmd, log):
    print("+", " ".join(str(c) for c in cmd), flush=True)
    with open(log, "w") as f:
        r = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        sys.stderr.write(Path(log).read_text()[-4000:])
        sys.exit(f"{target}: {cmd[0]} failed (exit {r.returncode}); log in {log}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--pcf", required=True)
    ap.add_argument("--name", required=True, help="names the outputs (gfx, gc)")
    ap.add_argument("--title", required=True, help="the report's first line")
    ap.add_argument("--top", required=True)
    ap.add_argument("--spram", action="store_true",
                    help="map large memories to SB_SPRAM256KA (synth_ice40 -spram)")
    ap.add_argument("--seed", default="1")
    ap.add_argument("sources", nargs="+")
    a = ap.parse_args()
    target = f"synth-{a.name}"

    for tool in ("yosys", "nextpnr-ice40", "icepack"):
        if not shutil.which(tool):
            sys.exit(f"{target}: {tool} not found (scripts/dev.sh installs it)")

    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    base = f"{a.name}_icebreaker"
    json_nl = out / f"{base}.json"
    asc = out / f"{base}.asc"
    binf = out / f"{base}.bin"
    rep = out / f"{base}_pnr.json"
    synth = "synth_ice40 -dsp" + (" -spram" if a.spram else "")
    t0 = time.time()

    # -dsp: multipliers go to SB_MAC16.
    run(target, ["yosys", "-q", "-l", out / f"{base}_yosys.log", "-p",
                 f"read_verilog {' '.join(a.sources)}; {synth} -top {a.top}; "
                 f"tee -o {out / (base + '_yosys_stat.txt')} stat; write_json {json_nl}"],
        out / f"{base}_yosys.stdout")
    run(target, ["nextpnr-ice40", "--up5k", "--package", "sg48", "--json", json_nl, "--pcf", a.pcf,
                 "--asc", asc, "--report", rep, "--seed", a.seed], out / f"{base}_nextpnr.log")
    run(target, ["icepack", asc, binf], out / f"{base}_icepack.log")

    r = json.loads(rep.read_text())
    util = r["utilization"]
    fmax = {k: v for k, v in r["fmax"].items() if not k.startswith("$")}
    lines = [
        f"{a.title} on the iCEBreaker (iCE40 UP5K, SG48)",
        f"top {a.top}; yosys {synth}, nextpnr-ice40 seed {a.seed}; "
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
    (out / f"{base}_report.txt").write_text(text)
    print(text)
    if not ok:
        sys.exit(f"{target}: the design does not fit or misses its clock")


if __name__ == "__main__":
    main()
