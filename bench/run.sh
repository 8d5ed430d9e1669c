#!/usr/bin/env bash
# Runs the local bus benchmarks and prints their figures; copy them into bench/RESULTS.md.
#   bench/run.sh              all benchmarks
#   bench/run.sh matching     only the matching-cost benchmark (any JMH regex works)
#   bench/run.sh latency      PutEvents → function start at 1,000 events/s (single entries, then batches)
#   bench/run.sh cpu          CPU per event by thread group (where the time goes)
#   JMH_ARGS="-wi 1 -i 2" bench/run.sh PutEvents   extra JMH options
# Benchmarks never run during mvn test / verify; they need this script (or the same java command).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "cores: $(nproc)   java: $(java -version 2>&1 | head -1)"
# package through the reactor (never install: ~/.m2 may be shared); bench is built last, so its classpath wins
BUILD=(package dependency:build-classpath -DskipTests -pl bench -am -Dmdep.outputFile="$PWD/bench/target/classpath.txt")
mvn -q -o "${BUILD[@]}" >/dev/null 2>&1 || mvn -q "${BUILD[@]}" >/dev/null
# this worktree's own modules first (the shared ~/.m2 may hold another branch's snapshot), then the libraries
LIBS="$(tr ':' '\n' < bench/target/classpath.txt | grep -v '/dev/miniats/' | paste -sd:)"
CP="bench/target/classes:local/target/classes:functions/target/classes:core/target/classes:$LIBS"
JAVA_OPTS=(-Xms1g -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
FILTER="${1:-}"
if [[ -z "$FILTER" || ( "$FILTER" != latency && "$FILTER" != cpu ) ]]; then
  java "${JAVA_OPTS[@]}" -cp "$CP" org.openjdk.jmh.Main ${FILTER:+"$FILTER"} ${JMH_ARGS:-} -jvmArgs "${JAVA_OPTS[*]}" -rf text -rff bench/target/jmh.txt
fi
if [[ -z "$FILTER" || "$FILTER" == latency ]]; then
  java "${JAVA_OPTS[@]}" -cp "$CP" dev.miniats.bench.LatencyBenchmark 1000 20 1
  java "${JAVA_OPTS[@]}" -cp "$CP" dev.miniats.bench.LatencyBenchmark 1000 20 10
fi
if [[ -z "$FILTER" || "$FILTER" == cpu ]]; then
  java "${JAVA_OPTS[@]}" -cp "$CP" dev.miniats.bench.CpuBreakdown 10 8 20
fi
