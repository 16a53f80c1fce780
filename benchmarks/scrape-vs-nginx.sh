#!/usr/bin/env bash
# The exporter's /metrics against nginx serving the very same bytes, end to end over loopback.
#
#   benchmarks/scrape-vs-nginx.sh [PODS] [ROUNDS]
#   e.g. benchmarks/scrape-vs-nginx.sh 10000 11
#
# Starts the demo (demo/target/kube-state-exporter-demo.jar, one shard, seed 1, PODS pods) in its
# own JVM, waits until its /metrics body stops changing, and saves it. nginx (Debian's package) then
# serves the saved body from a temporary prefix with its own configuration: sendfile on, loopback
# only, and a `gzip -1` copy beside it for gzip_static. Each round fetches, interleaved, the
# exporter plain, nginx plain, the exporter with `Accept-Encoding: gzip` and nginx with the same
# header, with curl, writing the body to /dev/null; the table shows the medians of ROUNDS rounds
# (curl's time_total) and the bytes each transfer carried. Everything it starts (demo, nginx) is
# stopped by process id when the script exits, however it exits.
#
# DEMO_JAR names another demo jar (default: the built one). DEMO_XMX sets the demo's heap
# (default 4g, enough for 10,000 pods; 100,000 pods need about 12g); given -Xmx, the demo runs in
# its own JVM, not in a child.
#
# Needs curl, gzip and nginx (apt-get install -y nginx-light, or nginx), and a built tree:
#   ./mvnw -B -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."

pods=${1:-10000}
rounds=${2:-11}
jar=${DEMO_JAR:-demo/target/kube-state-exporter-demo.jar}
xmx=${DEMO_XMX:-4g}

for tool in curl gzip nginx; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] \
    || { echo "$tool not found (apt-get install -y curl gzip nginx-light)" >&2; exit 2; }
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[ -f "$jar" ] || { echo "build first: ./mvnw -B -q -DskipTests package" >&2; exit 2; }
[[ "$pods" =~ ^[1-9][0-9]*$ ]] || { echo "PODS must be a positive number, got $pods" >&2; exit 2; }
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a positive number, got $rounds" >&2; exit 2; }

work=$(mktemp -d)
demo_pid=
nginx_pid=
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  [ -n "$demo_pid" ] && kill "$demo_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A free loopback port: ask the kernel for an ephemeral one through a throwaway listener.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}
port=$(free_port)
telemetry_port=$(free_port)
api_port=$(free_port)
nginx_port=$(free_port)

java "-Xmx$xmx" -jar "$jar" demo --pods "$pods" --nodes $(((pods + 39) / 40)) --seed 1 --shards 1 \
  --port "$port" --telemetry-port "$telemetry_port" --api-server-port "$api_port" \
  --kubeconfig-out "$work/kubeconfig" </dev/null >"$work/demo.log" 2>&1 &
demo_pid=$!

# Ready, then settled: the test API server replays every object when a watch opens, so the body
# may still grow for a moment after /readyz; wait for two sizes 3 s apart to agree.
for _ in $(seq 1200); do
  kill -0 "$demo_pid" 2>/dev/null || { echo "demo exited:" >&2; tail -5 "$work/demo.log" >&2; exit 1; }
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")" = 200 ] && break
  sleep 0.5
done
previous=-1
for _ in $(seq 100); do
  size=$(curl -s -o "$work/metrics" -w '%{size_download}' "http://127.0.0.1:$port/metrics")
  [ "$size" = "$previous" ] && break
  previous=$size
  sleep 3
done
[ "$size" = "$previous" ] || { echo "the /metrics body did not settle" >&2; exit 1; }
gzip -1 -c "$work/metrics" >"$work/metrics.gz"
# nginx's worker may run as another user (nobody): let it read the files.
chmod 755 "$work"
chmod 644 "$work/metrics" "$work/metrics.gz"

mkdir -p "$work/nginx/logs" "$work/nginx/tmp"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path $work/nginx/tmp;
  proxy_temp_path $work/nginx/tmp;
  fastcgi_temp_path $work/nginx/tmp;
  uwsgi_temp_path $work/nginx/tmp;
  scgi_temp_path $work/nginx/tmp;
  types { }
  default_type text/plain;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work;
    location = /metrics { gzip_static on; }
  }
}
EOF
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" &
nginx_pid=$!
for _ in $(seq 100); do
  curl -s -o /dev/null "http://127.0.0.1:$nginx_port/metrics" && break
  sleep 0.1
done
served=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "http://127.0.0.1:$nginx_port/metrics")
[ "$served" = "200 $size" ] || { echo "nginx answered $served, expected 200 $size" >&2;
  cat "$work/nginx/logs/error.log" >&2; exit 1; }

# One fetch: seconds and bytes transferred.
fetch() { # url, gzip(0|1)
  if [ "$2" = 1 ]; then
    curl -s -o /dev/null -H 'Accept-Encoding: gzip' -w '%{time_total} %{size_download}\n' "$1"
  else
    curl -s -o /dev/null -w '%{time_total} %{size_download}\n' "$1"
  fi
}
exporter="http://127.0.0.1:$port/metrics"
server="http://127.0.0.1:$nginx_port/metrics"
: >"$work/times"
for ((i = 0; i < rounds; i++)); do
  echo "exporter-plain $(fetch "$exporter" 0)" >>"$work/times"
  echo "nginx-plain $(fetch "$server" 0)" >>"$work/times"
  echo "exporter-gzip $(fetch "$exporter" 1)" >>"$work/times"
  echo "nginx-gzip $(fetch "$server" 1)" >>"$work/times"
done

# Median seconds and median bytes of one series.
median() {
  awk -v k="$1" '$1 == k { print $2, $3 }' "$work/times" | sort -g | awk '
    { t[NR] = $1; b[NR] = $2 }
    END { m = int((NR + 1) / 2); printf "%.1f %d\n", t[m] * 1000, b[m] }'
}
read -r ep epb <<<"$(median exporter-plain)"
read -r np npb <<<"$(median nginx-plain)"
read -r eg egb <<<"$(median exporter-gzip)"
read -r ng ngb <<<"$(median nginx-gzip)"

body=$(stat -c %s "$work/metrics")
echo "demo --pods $pods (seed 1, one shard); body $body bytes, gzip -1 $(stat -c %s "$work/metrics.gz") bytes;" \
  "medians of $rounds interleaved fetches; $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| | exporter | nginx, same bytes | exporter / nginx time | bytes (exporter / nginx) |"
echo "|---|---|---|---|---|"
awk -v e="$ep" -v n="$np" -v eb="$epb" -v nb="$npb" 'BEGIN {
  printf "| plain | %.1f ms | %.1f ms | %.2fx (exporter at %.0f%% of nginx speed) | %d / %d |\n",
    e, n, e / n, 100 * n / e, eb, nb }'
awk -v e="$eg" -v n="$ng" -v eb="$egb" -v nb="$ngb" -v p="$ep" 'BEGIN {
  printf "| gzip (`Accept-Encoding: gzip`) | %.1f ms (%.1fx its plain) | %.1f ms (precompressed) | %.1fx | %d / %d |\n",
    e, e / p, n, e / n, eb, nb }'
