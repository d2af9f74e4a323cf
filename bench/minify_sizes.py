#!/usr/bin/env python3
"""Total bytes of the HTML pages of a build: raw, and the .br / .gz siblings plein's precompression
wrote next to them (brotli quality 11, window 22; gzip level 9). For bench/minify.sh.

    python3 bench/minify_sizes.py OUT_DIR     prints: pages<TAB>raw<TAB>brotli<TAB>gzip
"""
import os
import sys

pages = raw = br = gz = 0
for folder, _, files in os.walk(sys.argv[1]):
    for name in files:
        if not name.endswith(".html"):
            continue
        path = os.path.join(folder, name)
        pages += 1
        raw += os.path.getsize(path)
        br += os.path.getsize(path + ".br")
        gz += os.path.getsize(path + ".gz")
print(f"{pages}\t{raw}\t{br}\t{gz}")
