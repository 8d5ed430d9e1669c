#!/usr/bin/env bash
# Memory of a real `ats up` under the bus: RSS at idle, then after every ~10% of EVENTS events
# (10-entry PutEvents, each entry matching one rule -> ats-noop, driven by wrk), with the rows
# retention keeps and the size of the SQLite files. RSS must level off once the JIT has warmed
# up and retention has started deleting (it keeps the newest --retain-events events).
#   bench/wrk/memory.sh [events, default 1000000] [extra `ats up` options, e.g. --retain-events 50000]
set -euo pipefail
cd "$(dirname "$0")/../.."
total="${1:-1000000}"; shift || true
JVM_OPTS=(-Xms256m -Xmx1g); ATS_ARGS=("$@")
source bench/wrk/ats-up.sh
rss() { awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$pid/status"; }
rows() { sqlite3 "$dir/mini-ats.db" "SELECT (SELECT count(*) FROM events) || ' events, ' || (SELECT count(*) FROM deliveries) || ' deliveries'" 2>/dev/null || echo '?'; }
files() { du -sm "$dir" | awk '{print $1 " MB on disk"}'; }
sleep 5
echo "memory: idle after start: RSS $(rss); $(files)"
sent=0; step=$((total / 10))
next=$step
while (( sent < total )); do
  out=$(ENTRIES=10 wrk -t2 -c16 -d10s -s bench/wrk/put-events.lua "$url")
  sent=$((sent + 10 * $(echo "$out" | awk '/requests in/ {print $1}')))
  if (( sent >= next || sent >= total )); then
    echo "memory: after $sent events: RSS $(rss); $(rows); $(files); $(echo "$out" | awk '/Requests\/sec/ {printf "%.0f events/s", $2 * 10}')"
    next=$((next + step))
  fi
done
sleep 12 # one retention pass
echo "memory: idle again 12 s later: RSS $(rss); $(rows); $(files); load average $(cut -d' ' -f1-3 /proc/loadavg); cores $(nproc)"
