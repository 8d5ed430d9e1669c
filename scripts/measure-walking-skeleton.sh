#!/usr/bin/env bash
# Measures `./ats up` start-to-ready (jar already built; median of 5 runs) and
# PutEvents -> email readable over IMAP (cold, then warm p50/p90/max).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl local -am package -DskipTests
echo "cores: $(nproc)"

times=()
for i in 1 2 3 4 5; do
  dir=$(mktemp -d)
  start=$(date +%s%N)
  java -jar local/target/mini-ats-local.jar up --data-dir "$dir" --port 0 --smtp-port 0 --imap-port 0 > "$dir/out" 2>/dev/null &
  pid=$!
  until grep -q '^Ready in' "$dir/out" 2>/dev/null; do sleep 0.01; done
  times+=($(( ($(date +%s%N) - start) / 1000000 )))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
echo "ats up (java -jar) to ready, 5 runs, ms: $sorted (median $(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p))"

# Resolve core and functions from this checkout (the reactor), not from ~/.m2.
mvn -q -B -pl local -am test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
java -cp "local/target/test-classes:local/target/classes:$(cat local/target/classpath.txt)" dev.miniats.local.MeasureWalkingSkeleton "${1:-30}"
