#!/usr/bin/env bash
# Proof of a built plein site: the Nu HTML checker and linkinator over every page (validate.mjs),
# then the browser audit (axe-core, IBM Equal Access, layout, reflow, focus, weight, Lighthouse).
#   bash tests/browser/run.sh [OUTPUT_DIR]     OUTPUT_DIR relative to the current folder; default: public/
# Uses Debian's /usr/bin/chromium (installed with apt when missing and running as root); never downloads a browser.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/../../public}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac

if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "run.sh: no Chromium at ${CHROMIUM:-/usr/bin/chromium}; install Debian's chromium package" >&2
    exit 2
  fi
fi

cd "$here"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
command -v java >/dev/null || { echo "run.sh: no java for the Nu HTML checker; install Debian's default-jre-headless" >&2; exit 2; }
status=0
node validate.mjs "$out" || status=1
node audit.mjs "$out" || status=1
exit $status
