#!/usr/bin/env bash
# Builds the right-to-left test site (tests/fixtures/rtl: an Arabic edition added to a copy of the
# Almere site, as tests/translators.rs does) into DEST/site/public, for the browser audit.
#   bash tests/browser/rtl-site.sh DEST [PLEIN]     PLEIN: the plein binary (default target/release/plein)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dest="${1:?usage: rtl-site.sh DEST [PLEIN]}"
plein="${2:-$repo/target/release/plein}"
site="$dest/site"
rm -rf "$site"
mkdir -p "$site"
cp -r "$repo/content" "$repo/locales" "$repo/themes" "$site/"
# site.yaml lists its editions last, so the new one is appended to them.
cat "$repo/site.yaml" "$repo/tests/fixtures/rtl/edition.yaml" > "$site/site.yaml"
cp -r "$repo/tests/fixtures/rtl/locales" "$repo/tests/fixtures/rtl/content" "$site/"
# A translated page besides the home page, derived from the Dutch one as in the test.
mkdir -p "$site/content/ar/opgaven"
sed "0,/^title: .*/s//title: السكن/" "$repo/content/nl/opgaven/wonen.md" > "$site/content/ar/opgaven/wonen.md"
"$plein" build --quiet --root "$site" --out "$site/public"
