#!/usr/bin/env bash
# Does minify-html still pay after brotli? Builds the Almere site and the 3 x N corpus both ways
# with plein's `minify_html` option (site.yaml), all with precompression (brotli 11 + gzip 9):
#
#   none       minify_html: false (the default): markdown HTML as rendered, templates trimmed
#   fragments  minify_html: true: minify-html on each page's markdown HTML, templates trimmed
#
# and sums the bytes of every HTML page raw, .br and .gz (bench/minify_sizes.py). The CPU time
# minification costs is read from `--verbose` (`minify`), over RUNS clean builds without
# compression.
#
#   bash bench/minify.sh            # Almere and N = 1000 (the corpus of bench/run.sh if it is there)
#   N=1000 RUNS=3 bash bench/minify.sh
#
# Results: bench/out/minify.tsv (sizes) and bench/out/minify-cpu.tsv (CPU per build).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="$HERE/out"
N="${N:-1000}"
RUNS="${RUNS:-3}"
mkdir -p "$OUT/logs"
BIN="$ROOT/target/release/plein"
(cd "$ROOT" && cargo build --release --quiet --bin plein)

# Sets the site's minify_html for `mode`.
set_mode() {
  sed -i '/^minify_html:/d' "$1/site.yaml"
  if [ "$2" = fragments ]; then sed -i '1i minify_html: true' "$1/site.yaml"; fi
}

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
  for mode in none fragments; do
    echo "== $name, $mode"
    set_mode "$site" "$mode"
    dest="$OUT/minify-out/$name-$mode"
    rm -rf "$site/.plein-cache" "$dest"
    PLEIN_PAGEFIND=off "$BIN" build --root "$site" --out "$dest" > "$OUT/logs/minify-$name-$mode.log" 2>&1
    printf '%s\t%s\t%s\n' "$name" "$mode" "$(python3 "$HERE/minify_sizes.py" "$dest")" | tee -a "$SIZES"
    rm -rf "$dest"
  done
  # CPU: clean builds without compression, modes alternating.
  for r in $(seq 1 "$RUNS"); do
    for mode in none fragments; do
      set_mode "$site" "$mode"
      dest="$OUT/minify-out/$name-$mode-$r"
      rm -rf "$site/.plein-cache"
      log="$OUT/logs/minify-$name-$mode-$r.log"
      PLEIN_PAGEFIND=off /usr/bin/time -f '%U %S' -o "$log.time" "$BIN" build --root "$site" --out "$dest" --no-compress --verbose > "$log" 2>&1
      ms="$(awk '/^    minify +[0-9.]+ ms$/{m=$2} END{print m+0}' "$log")"
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
