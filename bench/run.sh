#!/usr/bin/env bash
# plein's build benchmark: plein vs Hugo vs the floor (bench/floor) on synthetic sites of
# 3 editions x N pages (bench/gen.py), and the real Almere site. Clean builds (output and caches
# deleted before every run), tools alternating, /usr/bin/time -v for wall, CPU and peak memory.
#
#   bash bench/run.sh                 # N = 30 1000 10000
#   SIZES="30 1000" bash bench/run.sh # only these sizes
#   RUNS_SMALL=5 RUNS_LARGE=3         # runs per tool for N <= 1000 / N > 1000
#   BUILD_DIR=/dev/shm/plein-bench    # write the builds' output there (default: bench/out, on disk)
#
# Results: bench/out/results.tsv, bench/out/stages.tsv, report: bench/out/report.md.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="$HERE/out"
SIZES="${SIZES:-30 1000 10000}"
RUNS_SMALL="${RUNS_SMALL:-5}"
RUNS_LARGE="${RUNS_LARGE:-3}"
ALMERE_RUNS="${ALMERE_RUNS:-7}"
# plein is skipped above this N (set it lower on a small disk or a slow machine).
PLEIN_MAX_N="${PLEIN_MAX_N:-100000}"
# Extra sizes for the curve of plein's build time against pages (one run each, plein only).
CURVE="${CURVE:-100 300 2000}"
mkdir -p "$OUT/bin" "$OUT/logs"

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$2"; }; }
need hugo hugo
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }

echo "== building plein (release) and the floor"
(cd "$ROOT" && cargo build --release --quiet --bin plein)
cp "$ROOT/target/release/plein" "$OUT/bin/plein"   # a frozen copy: others may rebuild target/
CARGO_TARGET_DIR="$OUT/floor-target" cargo build --release --quiet --manifest-path "$HERE/floor/Cargo.toml"
cp "$OUT/floor-target/release/floor" "$OUT/bin/floor"
PLEIN="$OUT/bin/plein"; FLOOR="$OUT/bin/floor"

RESULTS="$OUT/results.tsv"; STAGES="$OUT/stages.tsv"
printf 'case\ttool\trun\twall_s\tuser_s\tsys_s\tmaxrss_kb\tload1\n' > "$RESULTS"
printf 'case\trun\tstage\tms\n' > "$STAGES"
printf 'site\tchange\trebuild_ms\tafter_change_ms\tstages\n' > "$OUT/serve.tsv"
{
  echo "date=$(date -u +%FT%TZ)"
  echo "nproc=$(nproc)"
  echo "cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "mem=$(free -m | awk '/^Mem:/{print $2" MiB"}')"
  echo "hugo=$(hugo version | awk '{print $2}')"
  echo "plein_commit=$(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet -- src || echo '+dirty')"
  echo "rustc=$(rustc --version)"
  echo "output_fs=$(df -T "${BUILD_DIR:-$OUT}" | awk 'NR==2{print $2" ("$1")"}')"
} > "$OUT/machine.txt"

# settle N: after many files were deleted, wait until ext4 reuses their inodes again. Without a
# journal (as on this machine's disk) ext4 skips inodes freed in the last 60 s (300 s while
# their inode table is not yet written back) when it creates files, and the scan makes
# creating files several times slower: a benchmark run right after a deletion measures that.
settle() {
  sync
  if [ "$1" -ge 1000 ] && [ -z "${BUILD_DIR:-}" ]; then sleep 61; fi
}

# measure CASE TOOL RUN cmd...: runs cmd under /usr/bin/time -v, appends a row to results.tsv.
measure() {
  local case="$1" tool="$2" run="$3"; shift 3
  local tv="$OUT/logs/$case-$tool-$run.time" log="$OUT/logs/$case-$tool-$run.log"
  local load; load="$(cut -d' ' -f1 /proc/loadavg)"
  sync
  if ! /usr/bin/time -v -o "$tv" "$@" > "$log" 2>&1; then
    echo "FAILED: $case $tool run $run (see $log)" >&2; tail -5 "$log" >&2; return 1
  fi
  local wall user sys rss
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tv")"
  user="$(awk -F': ' '/User time/{print $2}' "$tv")"
  sys="$(awk -F': ' '/System time/{print $2}' "$tv")"
  rss="$(awk -F': ' '/Maximum resident set size/{print $2}' "$tv")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$case" "$tool" "$run" "$wall" "$user" "$sys" "$rss" "$load" >> "$RESULTS"
  if [[ "$tool" == plein* ]]; then
    # Stages (wall clock), then the CPU time of the parts of the page jobs ("cpu:markdown" …).
    awk -v c="$case-$tool" -v r="$run" '
      /^  [a-z]+ +[0-9.]+ ms$/ {printf "%s\t%s\t%s\t%s\n", c, r, $1, $2}
      /^    [a-z]+ +[0-9.]+ ms$/ {printf "%s\t%s\tcpu:%s\t%s\n", c, r, $1, $2}' "$log" >> "$STAGES"
  fi
  printf '  %-12s %-15s run %s: %6.2f s wall, %6.2f s cpu, %7.0f MiB\n' "$case" "$tool" "$run" "$wall" "$(echo "$user + $sys" | bc)" "$(echo "$rss / 1024" | bc)"
}

for n in $SIZES; do
  dir="$OUT/n$n"
  # Where the three tools write their output: next to the corpus, or under BUILD_DIR.
  built="${BUILD_DIR:+$BUILD_DIR/n$n}"; built="${built:-$dir}"; mkdir -p "$built"
  echo "== N=$n: generating"
  python3 "$HERE/gen.py" --pages "$n" --out "$dir" | tee "$dir.manifest"
  settle "$n"
  runs=$RUNS_SMALL; [ "$n" -gt 1000 ] && runs=$RUNS_LARGE
  # Every run writes into a folder of its own that does not exist yet (a clean build); the
  # folders are deleted only after all runs of this size (see `settle`).
  for r in $(seq 1 "$runs"); do
    if [ "$n" -le "$PLEIN_MAX_N" ]; then
      rm -rf "$dir/plein/.plein-cache" "$dir/plein/public"
      measure "n$n" plein "$r" "$PLEIN" build --root "$dir/plein" --out "$built/run$r/plein-public" --no-compress --verbose
    fi
    rm -rf "$dir/hugo/resources" "$dir/hugo-cache"
    measure "n$n" hugo "$r" hugo --minify --quiet --source "$dir/hugo" --cacheDir "$dir/hugo-cache" --destination "$built/run$r/hugo-public"
    measure "n$n" floor "$r" "$FLOOR" "$dir/plein/content" "$built/run$r/floor-public"
  done
  # plein again after a one-page change, on the output of its last run: what a rebuild costs.
  if [ "$n" -le "$PLEIN_MAX_N" ]; then
    page="$(find "$dir/plein/content/nl" -name '*.md' ! -name '_index.md' | sort | awk 'NR == 1')"
    cp "$page" "$OUT/page.orig"
    printf '\nEen zin die de benchmark toevoegt.\n' >> "$page"
    measure "n$n" plein-rebuild 1 "$PLEIN" build --root "$dir/plein" --out "$built/run$runs/plein-public" --no-compress --verbose
    mv "$OUT/page.orig" "$page"
  fi
  rm -rf "$built"/run* "$dir/plein/.plein-cache"
  settle "$n"
  if [ "$n" = 1000 ] && [ "$n" -le "$PLEIN_MAX_N" ]; then
    echo "== N=$n: plein serve, one page saved at a time"
    PLEIN="$PLEIN" SERVE_TSV="$OUT/serve.tsv" bash "$HERE/serve.sh" "$dir/plein" "${SERVE_CHANGES:-15}"
  fi
done

for n in $CURVE; do
  dir="$OUT/curve$n"
  echo "== curve: plein at N=$n"
  python3 "$HERE/gen.py" --pages "$n" --out "$dir" > "$dir.manifest"
  measure "curve$n" plein 1 "$PLEIN" build --root "$dir/plein" --out "$dir/plein-public" --no-compress --verbose
  rm -rf "$dir"
done

echo "== Almere (the real site, $ROOT)"
A="$OUT/almere"
rm -rf "$A" && mkdir -p "$A"
cp -r "$ROOT/site.yaml" "$ROOT/content" "$ROOT/locales" "$ROOT/themes" "$A/"
[ -d "$ROOT/deploy" ] && cp -r "$ROOT/deploy" "$A/" || true
for r in $(seq 1 "$ALMERE_RUNS"); do
  rm -rf "$A/public" "$A/.plein-cache" "$A"/.public.*
  measure almere plein "$r" "$PLEIN" build --root "$A" --out "$A/public" --no-compress --verbose
  rm -rf "$A/public" "$A/.plein-cache" "$A"/.public.*
  measure almere plein-compress "$r" "$PLEIN" build --root "$A" --out "$A/public" --verbose
  rm -rf "$A/public" "$A/.plein-cache" "$A"/.public.*
  PLEIN_PAGEFIND=off measure almere plein-nosearch "$r" "$PLEIN" build --root "$A" --out "$A/public" --no-compress --verbose
done
rm -rf "$A/public"

python3 "$HERE/report.py" "$OUT" > "$OUT/report.md"
echo "== report: $OUT/report.md"
