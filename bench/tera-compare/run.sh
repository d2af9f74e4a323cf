#!/usr/bin/env bash
# Tera 1 vs Tera 2 on plein's theme: dumps the template context of one real page of the bundled
# site (a copy of the site whose base.html prints `__tera_context` through plein's `json_encode`:
# Tera 2's own dump is not JSON), then renders the
# theme's page.html with it N times in each engine. Usage: bash bench/tera-compare/run.sh [N] [PAGE]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; ROOT="$(cd "$HERE/../.." && pwd)"
N="${1:-3000}"; PAGE="${2:-opgaven/wonen/index.html}"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
# The context does not depend on the profile; a debug plein is built faster.
cargo build --quiet --manifest-path "$ROOT/Cargo.toml"
CARGO_TARGET_DIR="$ROOT/target/tera-compare" cargo build --release --quiet --manifest-path "$HERE/Cargo.toml"
cp -a "$ROOT/site.yaml" "$ROOT/content" "$ROOT/locales" "$ROOT/themes" "$WORK/"
printf '<!doctype html><html lang="nl"><title>context</title><pre>{{ __tera_context | json_encode }}</pre>' >"$WORK/themes/default/templates/base.html"
"$ROOT/target/debug/plein" build --quiet --root "$WORK" --out "$WORK/public" >/dev/null
python3 - "$WORK/public/$PAGE" "$WORK/context.json" <<'PY'
import html, json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
context = json.loads(html.unescape(re.search(r"<pre>(.*)</pre>", text, re.S).group(1)))
json.dump(context, open(sys.argv[2], "w", encoding="utf-8"))
PY
"$ROOT/target/tera-compare/release/plein-bench-tera-compare" "$ROOT/themes/default/templates" "$WORK/context.json" "$N" "$WORK"
if diff <(sed 's/&#x2F;/\//g; s/></>\n</g' "$WORK/tera1.html") <(sed 's/></>\n</g' "$WORK/tera2.html") >"$WORK/diff"; then
  echo "outputs are the same but for Tera 1 escaping '/' as &#x2F;"
else
  echo "outputs differ beyond Tera 1's escaping of '/':"; head -40 "$WORK/diff"
fi
