#!/usr/bin/env bash
# Container memory of the exporter, measured as a pod's memory limit sees it.
#
#   benchmarks/container-memory.sh [PODS] [LIMIT_MIB] [SHARD_COUNTS]
#   e.g. benchmarks/container-memory.sh 10000 512 "1 2 4"
#
# Runs the product jar (exporter/target/kube-state-exporter.jar, what the image carries) with the
# StatefulSet's JVM options inside a memory cgroup limited to LIMIT_MIB, so the JVM sizes itself
# as in a container with that limit (heap = MaxRAMPercentage of the limit, the GC it picks for
# that size). The cluster is the seeded demo world of PODS pods (seed 1, PODS/40 nodes, every
# kind), served by the test API server in its own JVM outside the cgroup. For every shard count
# and shard: wait until /readyz answers 200, scrape /metrics 6 times (gzip and plain, the last two
# by two clients at once, as two Prometheus replicas do), settle 5 s, then print the cgroup's
# anonymous RSS (memory.stat rss / anon), its peak usage, whether the limit was hit (failcnt, OOM
# kills) and the process' own VmRSS and VmHWM.
#
# EXTRA_JVM_OPTIONS adds JVM options (e.g. to try another heap share); NMT=1 also prints the JVM's
# native memory summary (committed KiB per area) of every run.
#
# Needs root and a writable memory cgroup (v1 or v2), curl, and a built tree:
#   ./mvnw -B -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."

pods=${1:-10000}
limit_mib=${2:-512}
shard_counts=${3:-"1 2 4"}
jar=exporter/target/kube-state-exporter.jar
bench=benchmarks/target/benchmarks.jar
# The JVM options of deploy/statefulset/statefulset.yaml (JAVA_TOOL_OPTIONS).
jvm_options=$(sed -n '/name: JAVA_TOOL_OPTIONS/,/^ *- name:\|^ *ports:/p' deploy/statefulset/statefulset.yaml \
  | grep -o -- '-[XD][^ ]*' | tr '\n' ' ')
[ -f "$jar" ] && [ -f "$bench" ] || { echo "build first: ./mvnw -B -q -DskipTests package" >&2; exit 2; }

# A memory cgroup below our own, v2 (memory.max) or v1 (memory.limit_in_bytes).
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  parent=/sys/fs/cgroup$(sed -n 's/^0:://p' /proc/self/cgroup)
  version=2
else
  parent=/sys/fs/cgroup/memory$(sed -n 's/^[0-9]*:memory://p' /proc/self/cgroup)
  version=1
fi
group="$parent/kse-container-memory-$$"
mkdir "$group" || { echo "cannot create a memory cgroup under $parent" >&2; exit 2; }
if [ $version = 2 ]; then
  echo $((limit_mib * 1024 * 1024)) > "$group/memory.max"
else
  echo $((limit_mib * 1024 * 1024)) > "$group/memory.limit_in_bytes"
fi

api_pid=
exporter_pid=
cleanup() {
  [ -n "$exporter_pid" ] && kill "$exporter_pid" 2>/dev/null || true
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rmdir "$group" 2>/dev/null || true
}
trap cleanup EXIT

api_out=$(mktemp)
# The API server child serves until its stdin closes: hold it open with a sleeping writer.
(sleep infinity | java -Xmx4g -cp "$bench" dev.kubestate.benchmarks.ShardMemory api "$pods" >"$api_out" 2>/dev/null) &
api_pid=$!
for _ in $(seq 600); do grep -q '^url ' "$api_out" && break; sleep 0.5; done
url=$(sed -n 's/^url //p' "$api_out")
[ -n "$url" ] || { echo "API server did not start" >&2; exit 1; }
echo "cluster: $(sed -n 's/^objects //p' "$api_out") objects, $pods pods; limit ${limit_mib} MiB; JVM: $jvm_options ${EXTRA_JVM_OPTIONS:-}"

oom_kills() {
  if [ $version = 2 ]; then awk '$1 == "oom_kill" { print $2 }' "$group/memory.events"
  else awk '$1 == "oom_kill" { print $2 }' "$group/memory.oom_control"; fi
}
stat_of() { awk -v k="$1" '$1 == k { print $2 }' "$group/memory.stat"; }
mib() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }

printf '| N | shard | time to ready | anon RSS (MiB) | peak usage (MiB) | VmHWM (MiB) | limit hit | OOM |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for total in $shard_counts; do
  for ((shard = 0; shard < total; shard++)); do
    # Reset the peak and the counters between runs.
    if [ $version = 1 ]; then
      echo 0 > "$group/memory.max_usage_in_bytes" 2>/dev/null || true
      echo 0 > "$group/memory.failcnt" 2>/dev/null || true
    fi
    oom_before=$(oom_kills); oom_before=${oom_before:-0}
    start=$(date +%s.%N)
    (echo $BASHPID > "$group/cgroup.procs" && exec env JAVA_TOOL_OPTIONS="$jvm_options ${EXTRA_JVM_OPTIONS:-} ${NMT:+-XX:NativeMemoryTracking=summary} -Dvertx.cacheDirBase=/tmp/kse-vertx-$$" \
      java -jar "$jar" --apiserver "$url" --host 127.0.0.1 --port 18080 --telemetry-host 127.0.0.1 \
      --telemetry-port 18081 --shard-map consistent-ranges --shard "$shard" --total-shards "$total" \
      >/dev/null 2>&1) &
    exporter_pid=$!
    ready=
    for _ in $(seq 1200); do
      if curl -sf -o /dev/null http://127.0.0.1:18081/readyz; then ready=1; break; fi
      kill -0 "$exporter_pid" 2>/dev/null || break
      sleep 0.25
    done
    elapsed=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
    if [ -n "$ready" ]; then
      for enc in gzip identity gzip identity; do
        curl -sf -o /dev/null -H "Accept-Encoding: $enc" http://127.0.0.1:18080/metrics || true
      done
      curl -sf -o /dev/null -H 'Accept-Encoding: gzip' http://127.0.0.1:18080/metrics &
      curl -sf -o /dev/null -H 'Accept-Encoding: gzip' http://127.0.0.1:18080/metrics || true
      wait $! 2>/dev/null || true
      sleep 5
    fi
    java_pid=$(pgrep -P "$exporter_pid" java || echo "$exporter_pid")
    hwm=$(awk '/^VmHWM/ { print $2 * 1024 }' /proc/"$java_pid"/status 2>/dev/null || echo 0)
    if [ $version = 2 ]; then
      anon=$(stat_of anon); peak=$(cat "$group/memory.peak" 2>/dev/null || echo 0)
      hit=$(awk '$1 == "max" { print $2 }' "$group/memory.events")
    else
      anon=$(stat_of rss); peak=$(cat "$group/memory.max_usage_in_bytes")
      hit=$(cat "$group/memory.failcnt")
    fi
    oom_after=$(oom_kills); oom=$(( ${oom_after:-0} - oom_before ))
    printf '| %d | %d | %s | %s | %s | %s | %s | %s |\n' "$total" "$shard" \
      "$([ -n "$ready" ] && echo "${elapsed} s" || echo "never (exited)")" \
      "$(mib "${anon:-0}")" "$(mib "${peak:-0}")" "$(mib "${hwm:-0}")" "${hit:-0}" "${oom:-0}"
    if [ -n "${NMT:-}" ] && [ -n "$ready" ]; then
      jcmd "$java_pid" VM.native_memory summary 2>/dev/null \
        | grep -E '^(Total|-  *[A-Z][A-Za-z ]* \()' | sed -E 's/reserved=[0-9]+KB, //; s/^/    /' >&2 || true
    fi
    kill "$exporter_pid" 2>/dev/null || true
    wait "$exporter_pid" 2>/dev/null || true
    exporter_pid=
    sleep 1
  done
done
