#!/usr/bin/env bash
# Does minify-html still pay after brotli? Builds the Almere site and the 3 x N corpus three ways
# with a copy of plein patched for the benchmark (bench/minify-modes.patch, never merged: src/ is
# not changed), all with precompression (brotli 11 + gzip 9):
#
#   PLEIN_MINIFY=none       nothing minified: markdown HTML as rendered, templates as written
#   PLEIN_MINIFY=fragments  what plein does: minify-html on each page's markdown HTML, templates trimmed
#   PLEIN_MINIFY=pages      minify-html on every whole page (templates as written)
#
# and sums the bytes of every HTML page raw, .br and .gz (bench/minify_sizes.py). The CPU time
# minification costs is read from `--verbose` (`minify`, fragments) and from the patch's
# "whole-page minify cpu" line (pages), over RUNS clean builds without compression.
#
#   bash bench/minify.sh            # Almere and N = 1000 (the corpus of bench/run.sh if it is there)
#   N=1000 RUNS=3 bash bench/minify.sh
#   SKIP_BUILD=1 bash bench/minify.sh   # use bench/out/bin/plein-minify-modes as it is
#
# Results: bench/out/minify.tsv (sizes) and bench/out/minify-cpu.tsv (CPU per build).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="$HERE/out"
N="${N:-1000}"
RUNS="${RUNS:-3}"
mkdir -p "$OUT/bin" "$OUT/logs"
BIN="$OUT/bin/plein-minify-modes"

if [ -z "${SKIP_BUILD:-}" ] || [ ! -x "$BIN" ]; then
  echo "== building plein with bench/minify-modes.patch (a temporary worktree, this repository's target/)"
  WT="$(mktemp -d /tmp/plein-minify-modes.XXXXXX)"
  trap 'git -C "$ROOT" worktree remove --force "$WT" 2>/dev/null || rm -rf "$WT"' EXIT
  git -C "$ROOT" worktree add --detach "$WT" HEAD >/dev/null
  git -C "$WT" apply "$HERE/minify-modes.patch"
  # The same target folder as the repository's own build: dependencies are compiled once.
  (cd "$WT" && CARGO_TARGET_DIR="$ROOT/target" cargo build --release --quiet --bin plein)
  # target/release/plein is now the patched one: copy it, then build the repository's own
  # again so that target/release/plein is plein as committed.
  cp "$ROOT/target/release/plein" "$BIN"
  (cd "$ROOT" && cargo build --release --quiet --bin plein)
fi

SITES=()
A="$OUT/minify-almere"
rm -rf "$A" && mkdir -p "$A"
cp -r "$ROOT/site.yaml" "$ROOT/content" "$ROOT/locales" "$ROOT/themes" "$A/"
[ -d "$ROOT/deploy" ] && cp -r "$ROOT/deploy" "$A/" || true
SITES+=("almere=$A")
C="$OUT/n$N"
[ -f "$C/MANIFEST.txt" ] || python3 "$HERE/gen.py" --pages "$N" --out "$C" > "$C.manifest"
SITES+=("n$N=$C/plein")

SIZES="$OUT/minify.tsv"; CPU="$OUT/minify-cpu.tsv"
printf 'site\tmode\tpages\traw\tbrotli\tgzip\n' > "$SIZES"
printf 'site\tmode\trun\tuser_s\tsys_s\tminify_ms\n' > "$CPU"
for entry in "${SITES[@]}"; do
  name="${entry%%=*}"; site="${entry#*=}"
  for mode in none fragments pages; do
    echo "== $name, PLEIN_MINIFY=$mode"
    dest="$OUT/minify-out/$name-$mode"
    rm -rf "$site/.plein-cache" "$dest"
    PLEIN_MINIFY=$mode PLEIN_PAGEFIND=off "$BIN" build --root "$site" --out "$dest" > "$OUT/logs/minify-$name-$mode.log" 2>&1
    printf '%s\t%s\t%s\n' "$name" "$mode" "$(python3 "$HERE/minify_sizes.py" "$dest")" | tee -a "$SIZES"
    rm -rf "$dest"
  done
  # CPU: clean builds without compression, modes alternating.
  for r in $(seq 1 "$RUNS"); do
    for mode in none fragments pages; do
      dest="$OUT/minify-out/$name-$mode-$r"
      rm -rf "$site/.plein-cache"
      log="$OUT/logs/minify-$name-$mode-$r.log"
      PLEIN_MINIFY=$mode PLEIN_PAGEFIND=off /usr/bin/time -f '%U %S' -o "$log.time" "$BIN" build --root "$site" --out "$dest" --no-compress --verbose > "$log" 2>&1
      ms="$(awk '/^    minify +[0-9.]+ ms$/{m=$2} /^whole-page minify cpu:/{m=$4} END{print m+0}' "$log")"
      read -r u s < "$log.time"
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$mode" "$r" "$u" "$s" "$ms" | tee -a "$CPU"
    done
    rm -rf "$OUT/minify-out"
  done
  rm -rf "$site/.plein-cache"
done
rm -rf "$A" "$OUT/minify-out"
python3 - "$SIZES" "$CPU" <<'PY'
import csv, statistics, sys
sizes = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
cpu = list(csv.DictReader(open(sys.argv[2]), delimiter="\t"))
print("\n| site | minified | pages | raw bytes | brotli-11 | gzip-9 | CPU of minifying, ms per page | build CPU s (median) |")
print("|---|---|---|---|---|---|---|---|")
for r in sizes:
    runs = [c for c in cpu if c["site"] == r["site"] and c["mode"] == r["mode"]]
    ms = statistics.median(float(c["minify_ms"]) for c in runs) if runs else 0
    tot = statistics.median(float(c["user_s"]) + float(c["sys_s"]) for c in runs) if runs else 0
    print(f"| {r['site']} | {r['mode']} | {r['pages']} | {int(r['raw']):,} | {int(r['brotli']):,} | {int(r['gzip']):,} | "
          f"{ms / int(r['pages']):.3f} | {tot:.2f} |")
PY
