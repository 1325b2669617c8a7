#!/usr/bin/env python3
"""The numbers #define'd in include/amber/hw.h and include/amber/boot.h, for
the scripts and link scripts that cannot include a C header. As a program
it prints the named ones in hex, one a line:
    hwconst.py --include include OS_LOAD_PA
"""
import argparse
import re
import sys
from pathlib import Path


def header_constants(include_dir):
    """The #define'd numbers of amber/hw.h and amber/boot.h, evaluated."""
    raw = {}
    for name in ("hw.h", "boot.h"):
        text = (Path(include_dir) / "amber" / name).read_text()
        for m in re.finditer(r"^#define\s+(\w+)\s+([^/\n]+?)\s*(?:/\*.*)?$", text, re.M):
            raw[m.group(1)] = m.group(2)
    values = {}

    def value(name, depth=0):
        if name in values:
            return values[name]
        if depth > 8 or name not in raw:
            raise KeyError(name)
        expr = re.sub(r"\b(0[xX][0-9a-fA-F]+|\d+)[uUlL]*\b", r"\1", raw[name])
        expr = re.sub(r"\b([A-Z_][A-Z0-9_]*)\b", lambda m: str(value(m.group(1), depth + 1)), expr)
        if not re.fullmatch(r"[0-9a-fA-Fx()+\-*<>| ]+", expr):
            raise KeyError(name)
        values[name] = eval(expr, {"__builtins__": {}})
        return values[name]

    class Lazy(dict):
        def __missing__(self, key):
            return value(key)
    return Lazy()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--include", required=True, help="the directory holding amber/hw.h")
    ap.add_argument("names", nargs="+")
    a = ap.parse_args()
    c = header_constants(a.include)
    try:
        for name in a.names:
            print(hex(c[name]))
    except KeyError as e:
        sys.exit(f"hwconst: no numeric #define {e}")


if __name__ == "__main__":
    main()
