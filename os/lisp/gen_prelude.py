#!/usr/bin/env python3
"""Turns prelude.scm into prelude.c: one C string holding the text."""
import sys

src, out = sys.argv[1], sys.argv[2]
text = open(src, encoding='utf-8').read()
with open(out, 'w', encoding='utf-8') as f:
    f.write('/* Generated from prelude.scm by gen_prelude.py: do not edit. */\n')
    f.write('#include "prelude.h"\n\n')
    f.write('const char lisp_prelude[] =\n')
    for line in text.splitlines():
        esc = line.replace('\\', '\\\\').replace('"', '\\"')
        f.write('    "%s\\n"\n' % esc)
    f.write('    ;\n')
    f.write('const unsigned long lisp_prelude_len = sizeof lisp_prelude - 1;\n')
