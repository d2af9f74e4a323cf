#!/usr/bin/env python3
"""Total bytes of the HTML pages of a build: raw, brotli (quality 11, window 22) and gzip (level 9).
For bench/minify.sh. Takes the .br / .gz siblings plein's precompression wrote when they are there;
otherwise compresses each page itself (needs the `brotli` module: bench/out/venv/bin/python).

    python3 bench/minify_sizes.py OUT_DIR     prints: pages<TAB>raw<TAB>brotli<TAB>gzip
"""
import gzip
import os
import sys
from concurrent.futures import ProcessPoolExecutor


def sizes(path):
    raw = os.path.getsize(path)
    if os.path.exists(path + ".br") and os.path.exists(path + ".gz"):
        return raw, os.path.getsize(path + ".br"), os.path.getsize(path + ".gz")
    import brotli

    data = open(path, "rb").read()
    return raw, len(brotli.compress(data, quality=11, lgwin=22)), len(gzip.compress(data, compresslevel=9, mtime=0))


if __name__ == "__main__":
    paths = [os.path.join(d, n) for d, _, files in os.walk(sys.argv[1]) for n in files if n.endswith(".html")]
    with ProcessPoolExecutor() as pool:
        results = list(pool.map(sizes, paths, chunksize=64))
    print(f"{len(paths)}\t{sum(r[0] for r in results)}\t{sum(r[1] for r in results)}\t{sum(r[2] for r in results)}")
