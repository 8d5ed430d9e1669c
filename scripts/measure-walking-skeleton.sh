#!/usr/bin/env bash
# Measures `./ats up` start-to-ready (jar already built; median of 5 runs) and
# PutEvents -> email readable over IMAP (cold, then warm p50/p90/max).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl local -am package -DskipTests
echo "cores: $(nproc)"

# ./ats up to "Ready", median of 5 starts each, alternating: with the class-data archive ./ats
# records (AppCDS), and without it (ATS_CDS=0), so both figures come from the same machine load.
./ats --version >/dev/null  # builds the jar and records the archive if either is missing or stale
start_ms() {
  local dir; dir=$(mktemp -d)
  local start; start=$(date +%s%N)
  ATS_CDS=$1 ./ats up --data-dir "$dir" --port 0 --smtp-port 0 --imap-port 0 > "$dir/out" 2>/dev/null &
  local pid=$!
  until grep -q '^Ready in' "$dir/out" 2>/dev/null; do sleep 0.01; done
  echo $(( ($(date +%s%N) - start) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
}
with=(); without=()
for i in 1 2 3 4 5; do
  with+=("$(start_ms 1)")
  without+=("$(start_ms 0)")
done
median() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "./ats up to ready, AppCDS archive, 5 runs, ms: $(printf '%s\n' "${with[@]}" | sort -n | tr '\n' ' ')(median $(median "${with[@]}"))"
echo "./ats up to ready, ATS_CDS=0,      5 runs, ms: $(printf '%s\n' "${without[@]}" | sort -n | tr '\n' ' ')(median $(median "${without[@]}"))"

# Resolve core and functions from this checkout (the reactor), not from ~/.m2.
mvn -q -B -pl local -am test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
java -cp "local/target/test-classes:local/target/classes:$(cat local/target/classpath.txt)" dev.miniats.local.MeasureWalkingSkeleton "${1:-30}"
