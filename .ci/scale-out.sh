#!/usr/bin/env bash
# Scale-out check, on loopback only: builds hubatlas, starts two replicas
# and Debian's nginx with docs/nginx.conf (its placeholders filled in, its
# pid, logs, cache and temporary files in a scratch directory; the system's
# nginx configuration is not touched), then checks that
#   1. both replicas answer /healthz (the scripted probe: open-source nginx
#      has no active health checks, docs/nginx.conf uses passive ones);
#   2. the same query fetched from each replica directly gives the same
#      bytes and the same ETag, for every kind of response, plain and gzip;
#   3. through nginx, the first request is a MISS and the next ones HITs
#      (X-Cache-Status from $upstream_cache_status), with the same bytes,
#      and If-None-Match gets 304;
#   4. with one replica stopped, nginx answers every request, new maps
#      included; with both stopped, it still serves what it has cached.
# Needs nginx and curl (apt-get install nginx curl). Every step is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$(date +%s)
scratch=$(mktemp -d /tmp/hubatlas-scale-out.XXXXXX)
chmod 755 "$scratch" # nginx's workers (nobody) read and write below it
pids=()
cleanup() {
  if [[ -f $scratch/nginx.pid ]]; then
    kill -QUIT "$(cat "$scratch/nginx.pid")" 2>/dev/null || true
    for _ in $(seq 50); do [[ -f $scratch/nginx.pid ]] || break; sleep 0.1; done
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

failures=0
ok() { echo "scale-out: ok: $*"; }
bad() { echo "scale-out: FAIL: $*"; failures=$((failures + 1)); }
# One Host for every request, direct or through nginx (which passes it
# on): the page's share link and embed code name the host they were
# asked for.
host=hubatlas.test
c() { curl -sS --max-time 20 -H "Host: $host" "$@"; }

for tool in nginx curl; do
  command -v "$tool" >/dev/null || { echo "scale-out: $tool not installed (apt-get install nginx curl)"; exit 1; }
done

go build -o "$scratch/hubatlas" ./cmd/hubatlas

# Two replicas on free loopback ports, each from the shipped config.
replica() { # name -> sets $addr
  local name=$1
  HUBATLAS_LOG_LEVEL=warn "$scratch/hubatlas" serve --config config.yaml --addr 127.0.0.1:0 \
    >"$scratch/$name.out" 2>"$scratch/$name.err" &
  pids+=($!)
  for _ in $(seq 300); do
    addr=$(grep -o 'http://[^/]*/' "$scratch/$name.out" 2>/dev/null | head -n 1 | sed 's|http://||; s|/$||') || true
    [[ -n $addr ]] && return 0
    sleep 0.1
  done
  echo "scale-out: $name did not start:"; cat "$scratch/$name.err"; exit 1
}
replica r1; r1=$addr; r1pid=${pids[-1]}
replica r2; r2=$addr; r2pid=${pids[-1]}
echo "scale-out: replicas on $r1 and $r2"

# nginx on a free port (a few tries in case another process takes it).
mkdir -p "$scratch/tmp"
for _ in $(seq 10); do
  port=$((20000 + RANDOM % 40000))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue # in use
  sed -e "s|@LISTEN@|127.0.0.1:$port|g" -e "s|@REPLICA_1@|$r1|g" -e "s|@REPLICA_2@|$r2|g" -e "s|@PREFIX@|$scratch|g" \
    docs/nginx.conf >"$scratch/nginx.conf"
  if [[ $(id -u) != 0 ]]; then
    sed -i 's|^user |# user |' "$scratch/nginx.conf" # only root may switch user
  fi
  if timeout 20 nginx -p "$scratch" -e "$scratch/error.log" -c "$scratch/nginx.conf" 2>>"$scratch/nginx.start"; then
    break
  fi
  port=""
done
[[ -n $port ]] || { echo "scale-out: nginx did not start:"; cat "$scratch/nginx.start" "$scratch/error.log"; exit 1; }
nginx=127.0.0.1:$port
for _ in $(seq 100); do c -o /dev/null "http://$nginx/healthz" 2>/dev/null && break; sleep 0.1; done
echo "scale-out: nginx $(nginx -v 2>&1 | sed 's|.*/||') on $nginx"

# 1. The scripted health probe.
probe() { c -f "http://$1/healthz" 2>/dev/null | grep -o '"status":"[a-z]*"' || echo '"status":"down"'; }
for r in "$r1" "$r2"; do
  s=$(probe "$r")
  [[ $s == '"status":"ok"' ]] && ok "probe $r/healthz: $s" || bad "probe $r/healthz: $s"
done

# One response: body to a file, headers to another. $1 address, $2 path,
# $3 name, more curl arguments after.
fetch() {
  local addr=$1 path=$2 name=$3
  shift 3
  c -D "$scratch/$name.h" -o "$scratch/$name.b" "$@" "http://$addr/$path"
  tr -d '\r' <"$scratch/$name.h" >"$scratch/$name.hh"
}
header() { grep -i "^$2:" "$scratch/$1.hh" | tail -n 1 | cut -d' ' -f2- || true; }
status() { head -n 1 "$scratch/$1.hh" | cut -d' ' -f2; }
sum() { sha256sum "$scratch/$1.b" | cut -c1-16; }

queries=(
  "map.svg?category=toys"
  "map.svg?province=CN-GD&lang=both"
  "map.svg?bbox=112,21,118,26&width=960&height=720"
  "export.svg?category=footwear&title=Shoes%20%E9%9E%8B"
  "export.png?width=480&height=360"
  "export.pdf?page=a4&lang=zh"
  "api/hubs?category=toys&lang=both"
  "api/categories?industry=transport"
  "api/view?bbox=112,21,118,26&width=960&height=720"
  "download.csv?category=toys"
  "download.xlsx"
  "download.geojson?province=CN-FJ"
  "static/app.js"
)
# The page says Cache-Control: no-cache (it is checked on every visit), so
# nginx passes it through without keeping it.
uncached=("?lang=en" "embed?category=toys")

# 2. The same bytes and ETag from either replica.
for q in "${queries[@]}" "${uncached[@]}"; do
  for coding in identity gzip; do
    fetch "$r1" "$q" a -H "Accept-Encoding: $coding"
    fetch "$r2" "$q" b -H "Accept-Encoding: $coding"
    ea=$(header a ETag) eb=$(header b ETag)
    if [[ $(status a) == 200 && $(status b) == 200 && $(sum a) == "$(sum b)" && -n $ea && $ea == "$eb" ]]; then
      ok "replicas agree on /$q ($coding): $(stat -c %s "$scratch/a.b") bytes, sha256 $(sum a)…, ETag $ea"
    else
      bad "replicas differ on /$q ($coding): $(status a) $(sum a) $ea / $(status b) $(sum b) $eb"
    fi
  done
done

# 3. Through nginx: MISS, then HIT, the same bytes; 304 on If-None-Match.
for q in "${queries[@]}"; do
  fetch "$r1" "$q" direct -H "Accept-Encoding: gzip"
  seen=()
  for i in 1 2 3; do
    fetch "$nginx" "$q" n -H "Accept-Encoding: gzip"
    seen+=("$(header n X-Cache-Status)")
    if [[ $(status n) != 200 || $(sum n) != "$(sum direct)" || $(header n ETag) != "$(header direct ETag)" ]]; then
      bad "nginx /$q request $i: $(status n), body $(sum n) ETag $(header n ETag), direct $(sum direct) $(header direct ETag)"
    fi
  done
  if [[ ${seen[0]} == MISS && ${seen[1]} == HIT && ${seen[2]} == HIT ]]; then
    ok "nginx /$q: ${seen[*]}"
  else
    bad "nginx /$q: X-Cache-Status ${seen[*]}, want MISS HIT HIT"
  fi
  fetch "$nginx" "$q" n -H "Accept-Encoding: gzip" -H "If-None-Match: $(header direct ETag)"
  [[ $(status n) == 304 ]] || bad "nginx /$q with If-None-Match: $(status n), want 304"
done
for q in "${uncached[@]}"; do
  fetch "$r1" "$q" direct -H "Accept-Encoding: gzip"
  seen=()
  for i in 1 2; do
    fetch "$nginx" "$q" n -H "Accept-Encoding: gzip"
    seen+=("$(header n X-Cache-Status)")
    [[ $(status n) == 200 && $(sum n) == "$(sum direct)" && $(header n ETag) == "$(header direct ETag)" ]] ||
      bad "nginx /$q request $i: $(status n), body $(sum n) ETag $(header n ETag), direct $(sum direct) $(header direct ETag)"
  done
  [[ ${seen[*]} == "MISS MISS" ]] && ok "nginx /$q: ${seen[*]} (no-cache: asked of a replica every time)" ||
    bad "nginx /$q: X-Cache-Status ${seen[*]}: a no-cache page was kept"
done
# The plain coding is a variant of its own (Vary: Accept-Encoding).
fetch "$nginx" "map.svg?category=toys" n -H "Accept-Encoding: identity"
fetch "$r2" "map.svg?category=toys" direct -H "Accept-Encoding: identity"
[[ $(sum n) == "$(sum direct)" ]] && ok "nginx keeps the plain and gzip copies apart ($(header n X-Cache-Status))" ||
  bad "nginx served the wrong coding of /map.svg?category=toys"
# /healthz is never cached.
fetch "$nginx" healthz n
[[ $(header n X-Cache-Status) == "" ]] && ok "nginx does not cache /healthz" || bad "/healthz X-Cache-Status $(header n X-Cache-Status)"
# Both replicas took part: each has drawn maps of its own.
for r in "$r1" "$r2"; do
  n=$(c "http://$r/healthz" | grep -o '"drawn_maps":[0-9]*' | cut -d: -f2)
  [[ ${n:-0} -gt 0 ]] && ok "replica $r drew $n of the maps" || bad "replica $r drew no map: nginx did not spread the load"
done

# A visitor's preview lives on the replica that took the upload: the
# requests that name it must all reach that one (ip_hash).
tok=$(c -X POST --data-binary @assets/data/hubs.yaml "http://$nginx/api/preview?name=hubs.yaml" | grep -o '"token":"[0-9a-f]*"' | cut -d'"' -f4) || tok=""
errors=0
for w in $(seq 500 509); do
  code=$(c -o /dev/null -w '%{http_code}' "http://$nginx/map.svg?preview=$tok&width=$w") || code=000
  [[ $code == 200 ]] || errors=$((errors + 1))
done
[[ -n $tok && $errors == 0 ]] && ok "a preview uploaded through nginx: 10 maps of it, all 200" ||
  bad "preview through nginx: token '$tok', $errors of 10 maps failed"

# 4. A replica stops: nginx keeps answering, new maps included.
kill -TERM "$r1pid"
for _ in $(seq 200); do kill -0 "$r1pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$r1pid" 2>/dev/null && bad "replica $r1 did not stop on SIGTERM"
s=$(probe "$r1")
[[ $s == '"status":"down"' ]] && ok "probe $r1/healthz after SIGTERM: down" || bad "probe $r1/healthz after SIGTERM: $s"
errors=0
for w in $(seq 400 419); do
  code=$(c -o /dev/null -w '%{http_code}' "http://$nginx/map.svg?width=$w&height=$w") || code=000
  [[ $code == 200 ]] || errors=$((errors + 1))
done
code=$(c -o /dev/null -w '%{http_code}' "http://$nginx/healthz") || code=000
[[ $errors == 0 && $code == 200 ]] && ok "one replica down: 20 new maps and /healthz through nginx, all 200" ||
  bad "one replica down: $errors of 20 new maps failed, /healthz $code"

# Both stop: what nginx has cached is still served.
kill -TERM "$r2pid"
for _ in $(seq 200); do kill -0 "$r2pid" 2>/dev/null || break; sleep 0.1; done
fetch "$nginx" "map.svg?category=toys" n -H "Accept-Encoding: gzip"
[[ $(status n) == 200 ]] && ok "both replicas down: a cached map still served ($(header n X-Cache-Status))" ||
  bad "both replicas down: the cached map answered $(status n)"
code=$(c -o /dev/null -w '%{http_code}' "http://$nginx/map.svg?width=999") || code=000
echo "scale-out: both replicas down: an uncached map answers $code (nginx has no replica to ask)"

echo "scale-out: nginx's log of the run: $(wc -l <"$scratch/access.log") requests, $(grep -c 'cache=HIT' "$scratch/access.log" || true) cache hits"
if grep -q '\[\(emerg\|alert\|crit\)\]' "$scratch/error.log"; then
  bad "nginx error log:"; grep '\[\(emerg\|alert\|crit\)\]' "$scratch/error.log"
fi
echo "scale-out: $failures failures in $(( $(date +%s) - start )) s"
[[ $failures == 0 ]]
