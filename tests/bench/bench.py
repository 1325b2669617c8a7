#!/usr/bin/env python3
"""Run the bare-metal guest benchmarks on amber and on QEMU side by side.

Every benchmark ELF runs unchanged on both machines (the Amber-1's low memory
map equals QEMU's virt machine). For each program this script runs

    amber exec PROG.elf --stats
    qemu-system-riscv64 -M virt -bios none -nographic -monitor none -kernel PROG.elf

checks that both exit with status 0 (the program's self-check passed) and
prints a table of guest instructions, host MIPS on each emulator, their ratio,
and amber's simulated cycles and CPI.

QEMU reports no instruction count, but it runs the very same ELF, so its MIPS
is amber's instruction count divided by QEMU's time. Times are wall-clock
times of the whole process, best of --runs runs, minus the emulator's start-up
and exit overhead, which is measured by timing the trivial program empty.elf
(the minimum of several runs).

Standard library only.
"""

import argparse
import datetime
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import time

PROGRAMS = ["sort", "listchurn", "sieve", "recursion", "crc", "matrix", "mixed"]
EMPTY = "empty"
STAT_KEYS = ("instructions", "cycles", "cpi", "sim-seconds", "host-seconds", "host-mips")
STAT_RE = re.compile(r"^\s*(%s)\s*:\s*([-+0-9.eE]+)\s*$" % "|".join(STAT_KEYS), re.M)


class RunError(Exception):
    pass


def host_cpu():
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key.strip() in ("model name", "Model", "uarch", "cpu model"):
                    return value.strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def tool_version(cmd):
    try:
        p = subprocess.run(cmd + ["--version"], stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "unknown version"
    lines = (p.stdout or p.stderr).strip().splitlines()
    return lines[0] if p.returncode == 0 and lines else "unknown version"


def run_once(cmd, timeout):
    """Run cmd once; return (seconds, returncode, stdout, stderr)."""
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        raise RunError("timed out after %g s: %s" % (timeout, " ".join(cmd)))
    except OSError as e:
        raise RunError("cannot run %s: %s" % (cmd[0], e))
    dt = time.perf_counter() - t0
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    return dt, p.returncode, out, err


def check_passed(name, emu, rc, out, err, expect_pass_line):
    text = out + err
    if rc != 0:
        notes = STAT_RE.sub("", err).strip().splitlines()
        tail = "\n".join(["  " + l for l in out.strip().splitlines()[-3:] + notes[-3:]])
        raise RunError("%s on %s exited with status %d\n%s" % (name, emu, rc, tail))
    if expect_pass_line and (" FAIL" in text or " PASS" not in text):
        raise RunError("%s on %s: no PASS line in its output:\n%s" % (name, emu, text.strip()))


def parse_stats(err, out):
    stats = {}
    for text in (out, err):  # stderr wins if both carry a value
        for key, value in STAT_RE.findall(text):
            stats[key] = float(value)
    return stats


def best_time(cmd, runs, timeout, name, emu, expect_pass_line):
    """Best wall time of `runs` runs; also returns the stats of that run."""
    best = None
    best_stats = None
    for _ in range(runs):
        dt, rc, out, err = run_once(cmd, timeout)
        check_passed(name, emu, rc, out, err, expect_pass_line)
        if best is None or dt < best:
            best = dt
            best_stats = parse_stats(err, out)
    return best, best_stats


def amber_cmd(amber, elf):
    return [amber, "exec", elf, "--stats"]


def qemu_cmd(qemu, elf):
    return [qemu, "-M", "virt", "-bios", "none", "-nographic", "-monitor", "none",
            "-kernel", elf]


def fmt_int(n):
    return "-" if n is None else "{:,}".format(int(n))


def fmt_f(x, digits=1):
    return "-" if x is None else "%.*f" % (digits, x)


def geomean(values):
    values = [v for v in values if v is not None and v > 0]
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--amber", default=None,
                    help="amber executable (default: 'amber' on PATH)")
    ap.add_argument("--qemu", default="qemu-system-riscv64",
                    help="QEMU executable (default: %(default)s)")
    ap.add_argument("--no-qemu", action="store_true",
                    help="run on amber only")
    ap.add_argument("--elf-dir", default=None,
                    help="directory holding PROG.elf and empty.elf "
                         "(default: the current directory)")
    ap.add_argument("--runs", type=int, default=3,
                    help="runs per program and emulator; the best counts (default: 3)")
    ap.add_argument("--overhead-runs", type=int, default=5,
                    help="runs of empty.elf to measure start-up overhead (default: 5)")
    ap.add_argument("--only", action="append", metavar="NAME",
                    help="run only this program (repeatable, or comma-separated)")
    ap.add_argument("--timeout", type=float, default=600,
                    help="seconds before one run is abandoned (default: 600)")
    ap.add_argument("--markdown", action="store_true",
                    help="print a Markdown table for docs/performance.md")
    args = ap.parse_args()

    if args.runs < 1 or args.overhead_runs < 1:
        ap.error("--runs and --overhead-runs must be at least 1")

    elf_dir = args.elf_dir or os.getcwd()
    programs = PROGRAMS
    if args.only:
        wanted = [n.strip() for item in args.only for n in item.split(",") if n.strip()]
        unknown = [n for n in wanted if n not in PROGRAMS]
        if unknown:
            ap.error("unknown program(s): %s (known: %s)"
                     % (", ".join(unknown), ", ".join(PROGRAMS)))
        programs = [n for n in PROGRAMS if n in wanted]

    amber = args.amber or shutil.which("amber")
    if not amber:
        ap.error("no amber executable: give --amber PATH")
    amber = os.path.abspath(amber) if os.sep in amber else amber
    qemu = None
    if not args.no_qemu:
        qemu = shutil.which(args.qemu)
        if not qemu:
            ap.error("QEMU not found (%s): give --qemu PATH or --no-qemu" % args.qemu)

    def elf(name):
        path = os.path.join(elf_dir, name + ".elf")
        if not os.path.isfile(path):
            ap.error("missing %s (build the benchmarks first, or give --elf-dir)" % path)
        return path

    empty = elf(EMPTY)
    elfs = {n: elf(n) for n in programs}
    log = sys.stderr

    # start-up and exit overhead of each emulator
    ovh_amber = best_time(amber_cmd(amber, empty), args.overhead_runs, args.timeout,
                          EMPTY, "amber", False)[0]
    ovh_qemu = None
    if qemu:
        ovh_qemu = best_time(qemu_cmd(qemu, empty), args.overhead_runs, args.timeout,
                             EMPTY, "qemu", False)[0]
    print("overhead: amber %.1f ms%s" % (ovh_amber * 1e3,
          "" if ovh_qemu is None else ", qemu %.1f ms" % (ovh_qemu * 1e3)), file=log)

    rows = []
    failures = 0
    for name in programs:
        row = {"name": name}
        try:
            t, stats = best_time(amber_cmd(amber, elfs[name]), args.runs, args.timeout,
                                 name, "amber", True)
            insns = stats.get("instructions")
            if insns is None:
                raise RunError("%s: amber printed no 'instructions:' statistic" % name)
            row.update(insns=insns, cycles=stats.get("cycles"), cpi=stats.get("cpi"),
                       amber_s=t, amber_self_mips=stats.get("host-mips"))
            if row["cpi"] is None and row["cycles"] is not None and insns:
                row["cpi"] = row["cycles"] / insns
            net = max(t - ovh_amber, 1e-6)
            row["amber_mips"] = insns / net / 1e6
            if qemu:
                tq, _ = best_time(qemu_cmd(qemu, elfs[name]), args.runs, args.timeout,
                                  name, "qemu", True)
                row["qemu_s"] = tq
                row["qemu_mips"] = insns / max(tq - ovh_qemu, 1e-6) / 1e6
                row["ratio"] = row["amber_mips"] / row["qemu_mips"]
            print("%-10s amber %.2f s%s" % (name, t, "" if not qemu else
                  ", qemu %.2f s" % row["qemu_s"]), file=log)
        except RunError as e:
            print("FAILED: %s" % e, file=log)
            row["failed"] = True
            failures += 1
        rows.append(row)

    ok = [r for r in rows if not r.get("failed")]
    summary = {
        "name": "geomean",
        "amber_mips": geomean([r.get("amber_mips") for r in ok]),
        "qemu_mips": geomean([r.get("qemu_mips") for r in ok]),
        "ratio": geomean([r.get("ratio") for r in ok]),
        "cpi": geomean([r.get("cpi") for r in ok]),
    }

    header = ["program", "guest instructions", "amber MIPS", "QEMU MIPS",
              "amber/QEMU", "amber cycles", "CPI"]

    def cells(r):
        if r.get("failed"):
            return [r["name"], "FAILED", "-", "-", "-", "-", "-"]
        return [r["name"], fmt_int(r.get("insns")), fmt_f(r.get("amber_mips")),
                fmt_f(r.get("qemu_mips")), fmt_f(r.get("ratio"), 3),
                fmt_int(r.get("cycles")), fmt_f(r.get("cpi"), 3)]

    table = [cells(r) for r in rows]
    if len(ok) > 1:
        table.append(cells(summary))

    date = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    info = [
        ("host", "%s (%d CPUs), %s" % (host_cpu(), os.cpu_count() or 0, platform.platform())),
        ("date", date),
        ("amber", amber),  # not `amber --version`: amber without a subcommand may start the desktop
        ("qemu", "%s (%s)" % (qemu, tool_version([qemu])) if qemu else "not run"),
        ("method", "best of %d runs; wall time minus start-up overhead "
                   "(empty.elf: amber %.1f ms%s); QEMU MIPS = amber's "
                   "instruction count / QEMU time"
                   % (args.runs, ovh_amber * 1e3,
                      "" if ovh_qemu is None else ", qemu %.1f ms" % (ovh_qemu * 1e3))),
    ]

    if args.markdown:
        for k, v in info:
            print("- %s: %s" % (k, v.replace("|", "\\|")))
        print()
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|")
        for r in table:
            print("| " + " | ".join(r) + " |")
    else:
        for k, v in info:
            print("%-7s %s" % (k + ":", v))
        print()
        widths = [max(len(row[i]) for row in [header] + table) for i in range(len(header))]
        def line(row):
            return "  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i])
                             for i, c in enumerate(row))
        print(line(header))
        print("  ".join("-" * w for w in widths))
        for r in table:
            print(line(r))

    return 1 if failures else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RunError as e:
        print("bench.py: %s" % e, file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
