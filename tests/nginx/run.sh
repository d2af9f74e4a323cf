#!/usr/bin/env bash
# Serves a built site with a real nginx and deploy/nginx.conf, and checks it over HTTP.
#
#   bash tests/nginx/run.sh public
#
# Starts nginx on 127.0.0.1 on a free port, in a temporary prefix folder (pid, logs and temp
# files live there, so no root privileges are needed for them), runs the checks with curl,
# stops nginx on exit. Prints "N passed, M failed" last; exits non-zero when a check fails.
# Installs the Debian packages nginx and libnginx-mod-http-brotli-static when they are
# missing and apt-get can be used.
set -u

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
conf_src="$repo/deploy/nginx.conf"
out=${1:-public}
if [ ! -d "$out" ]; then
    echo "usage: $0 OUTPUT_DIR   (no folder $out; run plein build first)" >&2
    echo "0 passed, 1 failed"
    exit 2
fi
out=$(cd "$out" && pwd)

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}

# --- nginx and the brotli module --------------------------------------------------------
brotli_so=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
need=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
[ -f "$brotli_so" ] || need+=(libnginx-mod-http-brotli-static)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]}"
    sudo=""
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo -n"
    # Do not let the package start a system-wide nginx on port 80.
    $sudo env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
        || { $sudo apt-get update >/dev/null 2>&1 && $sudo env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y --no-install-recommends "${need[@]}" >/dev/null 2>&1; }
fi
nginx_bin=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)
if [ ! -x "$nginx_bin" ]; then
    bad "nginx is not installed and could not be installed"
    finish
fi
has_brotli=1
if [ ! -f "$brotli_so" ]; then
    has_brotli=0
    echo "note: $brotli_so missing; testing without brotli (the brotli checks fail)"
fi

# --- a private copy of the config on a free port ------------------------------------------
prefix=$(mktemp -d "${TMPDIR:-/tmp}/plein-nginx.XXXXXX")
mkdir -p "$prefix/logs" "$prefix/tmp"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo $((20000 + RANDOM % 20000)))
conf="$prefix/nginx.conf"
user_line=""
[ "$(id -u)" -eq 0 ] && user_line="user root;"
sed -e "s#^\(\s*\)root .*;.*EDIT.*#\1root $out;#" \
    -e "s#^\(\s*\)listen .*;.*EDIT.*#\1listen 127.0.0.1:$port;#" \
    -e "s#^pid .*#pid $prefix/nginx.pid;\n$user_line\ndaemon on;#" \
    -e "s#^error_log .*#error_log $prefix/logs/error.log warn;#" \
    -e "s#access_log .*;#access_log $prefix/logs/access.log;#" \
    -e "s#/tmp/nginx-plein-#$prefix/tmp/#" \
    -e "s#^worker_processes .*#worker_processes 1;#" \
    "$conf_src" > "$conf"
if [ "$has_brotli" -eq 0 ]; then
    sed -i -e '/# brotli-module/d' "$conf"
fi

stop() {
    if [ -f "$prefix/nginx.pid" ]; then
        "$nginx_bin" -p "$prefix" -c "$conf" -e "$prefix/logs/error.log" -s stop 2>/dev/null \
            || kill "$(cat "$prefix/nginx.pid")" 2>/dev/null
        for _ in 1 2 3 4 5 6 7 8 9 10; do [ -f "$prefix/nginx.pid" ] || break; sleep 0.1; done
    fi
    rm -rf "$prefix"
}
trap stop EXIT

if ! "$nginx_bin" -p "$prefix" -c "$conf" -e "$prefix/logs/error.log" -t >"$prefix/logs/test.log" 2>&1; then
    cat "$prefix/logs/test.log"
    bad "nginx -t accepts deploy/nginx.conf"
    finish
fi
ok "nginx -t accepts deploy/nginx.conf"
if ! "$nginx_bin" -p "$prefix" -c "$conf" -e "$prefix/logs/error.log"; then
    cat "$prefix/logs/error.log" 2>/dev/null
    bad "nginx starts"
    finish
fi
base="http://127.0.0.1:$port"
for _ in $(seq 1 50); do curl -s -o /dev/null "$base/" && break; sleep 0.1; done
echo "nginx $("$nginx_bin" -v 2>&1 | sed 's#.*/##') on $base serving $out"

# --- helpers ---------------------------------------------------------------------------------
# fetch PATH [curl args…]: sets $status, $headers (lower-case names) and writes the body to $body.
body="$prefix/body"
fetch() {
    local path=$1
    shift
    local raw
    raw=$(curl -s --path-as-is -o "$body" -D - -w '%{http_code}' "$@" "$base$path" 2>/dev/null | tr -d '\r')
    status=${raw##*$'\n'}
    headers=$(printf '%s\n' "$raw" | sed '$d' | sed 's/^\([^:]*\):/\L\1:/')
}
header() { printf '%s\n' "$headers" | grep -i "^$1:" | head -1 | sed 's/^[^:]*: *//'; }
expect() { # name condition-result
    if [ "$2" = 0 ]; then ok "$1"; else bad "$1"; fi
}

# --- pages of each edition ---------------------------------------------------------------
for path in / /en/ /eenvoudig/ /zoeken/ /en/zoeken/ /eenvoudig/zoeken/; do
    fetch "$path"
    ct=$(header content-type)
    [ "$status" = 200 ] && [[ "$ct" == text/html* ]]
    expect "GET $path → 200 text/html (got $status $ct)" $?
done
# A page deeper down, taken from the sitemap-free file tree.
deep=$(cd "$out" && find . -mindepth 3 -name index.html -path './en/*' | head -1 | sed 's#^\.##; s#index\.html$##')
if [ -n "$deep" ]; then
    fetch "$deep"
    [ "$status" = 200 ] && grep -q '<html[^>]* lang="\?en[" >]' "$body"
    expect "GET $deep → 200, lang en" $?
fi

# --- security and cache headers on HTML -----------------------------------------------------
fetch /
csp_expected=$(sed -n 's/^  Content-Security-Policy: //p' "$out/_headers" | head -1)
[ -n "$csp_expected" ] || csp_expected="default-src 'self'"
[ "$(header content-security-policy)" = "$csp_expected" ]
expect "HTML has the Content-Security-Policy of _headers" $?
[[ "$(header strict-transport-security)" == max-age=* ]]
expect "HTML has Strict-Transport-Security" $?
[ "$(header x-content-type-options)" = nosniff ]
expect "HTML has X-Content-Type-Options: nosniff" $?
[ "$(header referrer-policy)" = strict-origin-when-cross-origin ]
expect "HTML has Referrer-Policy" $?
[[ "$(header permissions-policy)" == *camera=\(\)* ]]
expect "HTML has Permissions-Policy" $?
[ "$(header x-frame-options)" = DENY ]
expect "HTML has X-Frame-Options: DENY" $?
cc=$(header cache-control)
[[ "$cc" == *must-revalidate* ]] && [[ "$cc" != *immutable* ]]
expect "HTML is cached briefly and revalidated (Cache-Control: $cc)" $?
[ -z "$(header server | grep -o '[0-9]')" ]
expect "Server header hides the nginx version" $?

# --- hashed asset ------------------------------------------------------------------------------
asset=$(cd "$out" && find assets -name 'style.*.css' | head -1)
if [ -n "$asset" ]; then
    fetch "/$asset"
    ct=$(header content-type)
    [ "$status" = 200 ] && [[ "$ct" == text/css* ]] && [[ "$(header cache-control)" == *immutable* ]] && [[ "$(header cache-control)" == *max-age=31536000* ]]
    expect "GET /$asset → 200 text/css, immutable ($(header cache-control))" $?
    [ -n "$(header content-security-policy)" ]
    expect "asset also has the security headers" $?
else
    bad "no assets/css/style.*.css in $out"
fi

# A page URL without its final slash redirects to the canonical URL, relative to the host.
fetch /en/zoeken
[ "$status" = 301 ] && [ "$(header location)" = /en/zoeken/ ]
expect "GET /en/zoeken → 301 to /en/zoeken/ (got $status $(header location))" $?

# --- precompressed variants ------------------------------------------------------------------
for path in "/index.html:/" "/$asset:/$asset"; do
    file=${path%%:*}
    url=${path#*:}
    [ -f "$out$file.br" ] || { bad "$out$file.br exists"; continue; }
    fetch "$url" -H 'Accept-Encoding: br'
    [ "$status" = 200 ] && [ "$(header content-encoding)" = br ] && cmp -s "$body" "$out$file.br"
    expect "Accept-Encoding: br on $url → Content-Encoding: br, body = $file.br" $?
    [[ "$(header vary)" == *Accept-Encoding* ]]
    expect "br response on $url has Vary: Accept-Encoding" $?
    ct=$(header content-type)
    [[ "$ct" == text/html* || "$ct" == text/css* ]]
    expect "br response on $url keeps its Content-Type ($ct)" $?
    fetch "$url" -H 'Accept-Encoding: gzip'
    [ "$status" = 200 ] && [ "$(header content-encoding)" = gzip ] && cmp -s "$body" "$out$file.gz"
    expect "Accept-Encoding: gzip on $url → Content-Encoding: gzip, body = $file.gz" $?
    [[ "$(header vary)" == *Accept-Encoding* ]]
    expect "gzip response on $url has Vary: Accept-Encoding" $?
    fetch "$url" -H 'Accept-Encoding: br, gzip'
    [ "$(header content-encoding)" = br ]
    expect "Accept-Encoding: br, gzip on $url → br preferred" $?
    fetch "$url" -H 'Accept-Encoding:'
    [ "$status" = 200 ] && [ -z "$(header content-encoding)" ] && cmp -s "$body" "$out$file"
    expect "no Accept-Encoding on $url → identity, body = $file" $?
done

# --- per-edition 404 pages ----------------------------------------------------------------------
check_404() { # path lang distinctive-file
    fetch "$1"
    local lang_ok=1
    grep -q "<html[^>]* lang=\"\?$2[\" >]" "$body" && lang_ok=0
    [ "$status" = 404 ] && [ "$lang_ok" = 0 ] && cmp -s "$body" "$out/$3"
    expect "GET $1 → 404 with $3 (lang $2; got $status)" $?
    [ -n "$(header content-security-policy)" ]
    expect "404 of $1 has the security headers" $?
}
check_404 /bestaat-niet/ nl 404.html
check_404 /en/does-not-exist/ en en/404.html
check_404 /eenvoudig/bestaat-niet/ nl eenvoudig/404.html
check_404 /en/does/not/exist.html en en/404.html
check_404 /eenvoudig/x.css nl eenvoudig/404.html
# The plain-language 404 differs from the Dutch one although both are lang="nl".
if cmp -s "$out/404.html" "$out/eenvoudig/404.html"; then
    bad "eenvoudig/404.html differs from 404.html"
else
    ok "eenvoudig/404.html differs from 404.html"
fi

# --- path traversal ------------------------------------------------------------------------------
secret="plein-nginx-secret-$$"
echo "$secret" > "$prefix/secret.txt"
rel_prefix=$(python3 -c 'import os,sys; print(os.path.relpath(sys.argv[1], sys.argv[2]))' "$prefix" "$out" 2>/dev/null || echo "../../tmp")
for path in "/../secret.txt" "/$rel_prefix/secret.txt" "/%2e%2e/%2e%2e/etc/passwd" "/en/..%2f..%2f..%2fetc/passwd" "/../../../../etc/passwd" "/%2e%2e%2f%2e%2e%2fetc%2fpasswd" "/eenvoudig/%2e%2e/%2e%2e/%2e%2e/etc/passwd" "/..%5c..%5cetc%5cpasswd" "/$rel_prefix/nginx.conf"; do
    fetch "$path"
    if grep -q -e "$secret" -e 'root:x:0:0' -e 'worker_connections' "$body"; then
        bad "traversal $path escaped the root (status $status)"
    elif [ "$status" = 200 ]; then
        bad "traversal $path → 200"
    else
        ok "traversal $path → $status, nothing outside the root"
    fi
done
# Dot files are never served.
fetch /.git/config
[ "$status" = 404 ]
expect "GET /.git/config → 404" $?

# --- search bundle (every build writes one per edition) ------------------------------------------
fetch /pagefind/pagefind.js -H 'Accept-Encoding: br'
[ "$status" = 200 ] && [[ "$(header content-type)" == *javascript* ]]
expect "GET /pagefind/pagefind.js → 200 JavaScript" $?
wasm=$(cd "$out" && ls eenvoudig/pagefind/wasm.*.pagefind 2>/dev/null | head -1)
[ -n "$wasm" ]
expect "eenvoudig/pagefind/ has its wasm file" $?
fetch "/${wasm:-eenvoudig/pagefind/wasm.missing}"
[ "$status" = 200 ]
expect "GET /$wasm → 200" $?

finish
