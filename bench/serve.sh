#!/usr/bin/env bash
# How long `plein serve` takes to rebuild after one page is saved, read from the server's own log
# ("rebuilt in N ms (… ms after the change; load …, templates …, render …, extras …, write …)").
#
#   bash bench/serve.sh SITE_DIR [CHANGES]     e.g. bash bench/serve.sh bench/out/n1000/plein 20
#
# SITE_DIR is copied to a temporary folder first (the benchmark edits a page). Each change
# appends a sentence to one page's body (a different page each time, all three editions), waits
# for the rebuild and takes its figures. Prints one line per change and a summary; with
# SERVE_TSV=FILE also appends `site<TAB>change<TAB>rebuild_ms<TAB>after_change_ms<TAB>stages`
# rows to FILE.
set -euo pipefail
SITE=${1:?usage: bench/serve.sh SITE_DIR [CHANGES]}
CHANGES=${2:-20}
HERE=$(cd "$(dirname "$0")" && pwd)
PLEIN=${PLEIN:-$HERE/out/bin/plein}
[ -x "$PLEIN" ] || PLEIN=$HERE/../target/release/plein
WORK=$(mktemp -d)
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
cp -r "$SITE" "$WORK/site"
# The corpus links its theme; keep the link pointing at the same folder.
if [ -L "$SITE/themes" ]; then ln -sfn "$(readlink -f "$SITE/themes")" "$WORK/site/themes"; fi
LOG=$WORK/serve.log
"$PLEIN" serve --root "$WORK/site" --port 0 >"$LOG" 2>&1 &
PID=$!
for _ in $(seq 600); do grep -q "rebuilt in\|Serving\|serving" "$LOG" 2>/dev/null && break; sleep 0.1; done
sleep 1
# CHANGES pages spread evenly over the sorted list (so over all editions).
mapfile -t ALL < <(find "$WORK/site/content" -name '*.md' ! -name '_index.md' ! -path '*/_data/*' | sort)
PAGES=()
for i in $(seq 0 $((CHANGES - 1))); do PAGES+=("${ALL[$(( i * ${#ALL[@]} / CHANGES ))]}"); done
[ "${#PAGES[@]}" -gt 0 ] || { echo "no pages in $SITE" >&2; exit 1; }
name=$(basename "$(dirname "$SITE")")/$(basename "$SITE")
totals=()
afters=()
for i in $(seq "$CHANGES"); do
  page=${PAGES[$(( (i - 1) % ${#PAGES[@]} ))]}
  before=$(grep -c "rebuilt in" "$LOG" || true)
  printf '\nEen zin die de benchmark toevoegt (%d).\n' "$i" >>"$page"
  for _ in $(seq 200); do
    [ "$(grep -c "rebuilt in" "$LOG" || true)" -gt "$before" ] && break
    sleep 0.05
  done
  line=$(grep "rebuilt in" "$LOG" | tail -1)
  total=$(sed -E 's/.*rebuilt in ([0-9]+) ms.*/\1/' <<<"$line")
  after=$(sed -E 's/.*\(([0-9]+) ms after the change.*/\1/' <<<"$line")
  stages=$(sed -E 's/.*after the change; (.*)\)$/\1/' <<<"$line")
  totals+=("$total")
  afters+=("$after")
  echo "change $i (${page#"$WORK/site/"}): rebuilt in $total ms, $after ms after the change ($stages)"
  [ -n "${SERVE_TSV:-}" ] && printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$i" "$total" "$after" "$stages" >>"$SERVE_TSV"
  # Editors save seconds apart; let the watcher settle so changes are not merged.
  sleep 0.5
done
summary() {
  sort -n | awk -v what="$1" '{ v[NR] = $1 } END { printf "  %s: median %d ms, min %d ms, max %d ms\n", what, v[int((NR + 1) / 2)], v[1], v[NR] }'
}
echo "$name: $CHANGES changes"
printf '%s\n' "${totals[@]}" | summary "rebuild (the build itself)"
printf '%s\n' "${afters[@]}" | summary "from the change seen by the watcher to the rebuilt output"
