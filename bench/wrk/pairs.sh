#!/usr/bin/env bash
# Durable PutEvents throughput of two builds, compared on this noisy machine: both run at once
# (one idles while the other is measured), each warmed up as bench/wrk/throughput.sh does, then
# measured in alternating runs, so the machine's drift lands on both alike. Prints each run's
# events/s and server CPU per event (user + system), with the request threads' and the SQLite
# committer's share and the system-time part of each.
#   bench/wrk/pairs.sh <jar A> <jar B> [rounds] [seconds per run]
# ENTRIES (env, default 10): entries per PutEvents, each matching one rule -> ats-noop.
# Jars: local/target/mini-ats-local.jar of each build (a `git worktree` of the other commit, built).
set -euo pipefail
cd "$(dirname "$0")/../.."
jar_a="$1"; jar_b="$2"; rounds="${3:-5}"; secs="${4:-8}"; entries="${ENTRIES:-10}"
declare -A PID URL
dirs=()
# ats_pid and ats_dir: a runtime still starting when the script is stopped
trap 'kill ${PID[A]:-} ${PID[B]:-} ${ats_pid:-} 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "${dirs[@]}" "${ats_dir:-}"' EXIT
JVM_OPTS=(-Xms1g -Xmx2g); ATS_ARGS=()
source bench/wrk/ats-start.sh
start() {
  ats_start "$2" || { dirs+=("$ats_dir"); kill "$ats_pid" 2>/dev/null; exit 1; }
  PID[$1]=$ats_pid; URL[$1]=$ats_url; dirs+=("$ats_dir")
}
# user and system ticks (1/100 s) of the threads whose name contains $2 (all threads: "")
ticks() {
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in *"$2"*) sed 's/^.*) //' "$t/stat" 2>/dev/null | awk '{print $12, $13}' ;; esac
  done | awk '{u += $1; s += $2} END {print u + 0, s + 0}'
}
start A "$jar_a"; start B "$jar_b"
for n in A B; do # the warm-up of throughput.sh: batches, then single entries
  ENTRIES=10 wrk -t2 -c16 -d30s -s bench/wrk/put-events.lua "${URL[$n]}" >/dev/null
  ENTRIES=1 wrk -t2 -c16 -d11s -s bench/wrk/put-events.lua "${URL[$n]}" >/dev/null
done
echo "A = $jar_a, B = $jar_b; $entries-entry PutEvents, $rounds alternating runs of $secs s each; cores $(nproc)"
for r in $(seq 1 "$rounds"); do
  for n in A B; do
    p=${PID[$n]}
    read -r au0 as0 < <(ticks "$p" ""); read -r ju0 js0 < <(ticks "$p" Jetty); read -r cu0 cs0 < <(ticks "$p" sqlite-committe)
    out=$(ENTRIES=$entries wrk -t2 -c16 -d"${secs}s" -s bench/wrk/put-events.lua "${URL[$n]}")
    read -r au1 as1 < <(ticks "$p" ""); read -r ju1 js1 < <(ticks "$p" Jetty); read -r cu1 cs1 < <(ticks "$p" sqlite-committe)
    events=$(( $(echo "$out" | awk '/requests in/ {print $1}') * entries ))
    us() { echo "($1) * 10000 / $events" | bc -l; }
    printf '%s run %d: %6.0f events/s; server CPU %5.1f us/event (system %4.1f); request threads %5.1f (system %4.1f); committer %5.1f (system %4.1f)\n' \
        "$n" "$r" "$(echo "$events / $secs" | bc -l)" "$(us "$au1 + $as1 - $au0 - $as0")" "$(us "$as1 - $as0")" \
        "$(us "$ju1 + $js1 - $ju0 - $js0")" "$(us "$js1 - $js0")" "$(us "$cu1 + $cs1 - $cu0 - $cs0")" "$(us "$cs1 - $cs0")"
  done
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
