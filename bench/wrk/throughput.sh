#!/usr/bin/env bash
# Durable PutEvents throughput against a real `ats up` process, measured with wrk (a load generator
# that costs little per request), with the HTTP ceiling in the same run:
#   bench/wrk/throughput.sh [seconds] [label] [java classpath prefix]
# Prints requests/s and events/s for GET /_ats/health (the ceiling) and PutEvents of 10 entries and
# of 1 entry, each entry matching one rule -> ats-noop; server CPU per event from /proc; the
# deliveries still pending after the run (0: delivery kept up); and CPU by thread group.
# ATS_JAVA_OPTS (env) adds JVM options to the server, e.g. -XX:StartFlightRecording=filename=/tmp/ats.jfr.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs="${1:-15}"; label="${2:-runtime}"; prefix="${3:-}"
# shellcheck disable=SC2206
JVM_OPTS=(-Xms1g -Xmx2g ${ATS_JAVA_OPTS:-}); ATS_ARGS=()
source bench/wrk/ats-up.sh
ticks() { awk '{print $14+$15}' "/proc/$pid/stat"; }
rate() { grep 'Requests/sec' | awk '{print $2}'; }
# warm-up: the JIT compiles the hot path of both request shapes. 10 s of batches alone left C2
# compiling through the measured runs (27-71 us of compiler CPU per event, more for single entries,
# whose path it had not seen); WARM_UP (env, seconds, default 30) of batches then a third as long of
# single entries leave the compiler near idle (its share is still printed below).
warm="${WARM_UP:-30}"
ENTRIES=10 wrk -t2 -c16 -d"${warm}s" -s bench/wrk/put-events.lua "$url" >/dev/null
ENTRIES=1 wrk -t2 -c16 -d"$((warm / 3 + 1))s" -s bench/wrk/put-events.lua "$url" >/dev/null
health=$(wrk -t2 -c16 -d"${secs}s" "${url}_ats/health" | rate)
for entries in 10 1; do
  bench/wrk/threads.sh $pid > "$dir/t0"
  t0=$(ticks)
  out=$(ENTRIES=$entries wrk -t2 -c16 -d"${secs}s" -s bench/wrk/put-events.lua "$url")
  t1=$(ticks)
  bench/wrk/threads.sh $pid > "$dir/t1"
  reqs=$(echo "$out" | rate)
  total=$(echo "$out" | awk '/requests in/ {print $1}')
  events=$((total * entries))
  printf '%s: PutEvents x%-2s %8.0f req/s = %8.0f events/s (%.0f%% of the HTTP ceiling x%s), server CPU %5.0f us/event, latency %s\n' \
      "$label" "$entries" "$reqs" "$(echo "$reqs * $entries" | bc)" "$(echo "100 * $reqs / $health" | bc -l)" "$entries" \
      "$(echo "($t1 - $t0) * 10000 / $events" | bc -l)" "$(echo "$out" | awk '/Latency/ {print "avg " $2 ", max " $4}')"
  join "$dir/t0" "$dir/t1" | awk -v n="$events" '{d=$3-$2; if (d>0) printf "    %-22s %5.0f us/event\n", $1, d*10000/n}' | sort -k2 -n -r | head -7
done
sleep 2
pending=$(sqlite3 "$dir/mini-ats.db" "SELECT count(*) FROM deliveries WHERE status='pending'" 2>/dev/null || echo '?')
echo "$label: HTTP ceiling GET /_ats/health $health req/s; deliveries pending 2 s after the runs: $pending; load average $(cut -d' ' -f1-3 /proc/loadavg); cores $(nproc)"
