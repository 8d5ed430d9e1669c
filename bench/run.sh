#!/usr/bin/env bash
# Runs the local bus benchmarks and prints their figures; copy them into bench/RESULTS.md.
#   bench/run.sh              all benchmarks
#   bench/run.sh matching     only the matching-cost benchmark (any JMH regex works)
#   bench/run.sh matching-cpu the same three matching cases alternated and timed by CPU time: ratios that hold on a busy machine
#   bench/run.sh latency      PutEvents → function start at 1,000 events/s (single entries, then batches)
#   bench/run.sh cpu          CPU per event by thread group (where the time goes)
#   bench/run.sh wrk          the issue's figures: durable PutEvents driven by wrk against `ats up`, with the
#                             HTTP ceiling and the SQLite ceiling measured in the same run, and the ratios
#   bench/run.sh mail         event -> mailbox and SES SendEmail -> mailbox, readable over IMAP
#   bench/run.sh first-mail   the first event -> mailbox after `ats up` (its own process, class-data archive, 2 s idle),
#                             RUNS=5 starts (ATS_JARS="a.jar b.jar" alternates builds)
#   bench/run.sh openloop     PutEvents -> function start, open loop, coordinated-omission-correct (OpenLoop: pre-built
#                             HTTP/1.1 on keep-alive connections): 2,000 events/s as batches of 10, then 1,000 requests/s of 1
#   bench/run.sh start-mails  `ats up` -> Ready with 0, 1,000 and 10,000 stored mails (RUNS=5 starts each), and the
#                             first IMAP read after a start (ATS_JAR=... measures another build on the same dirs)
#   bench/wrk/pairs.sh A.jar B.jar   two builds' durable PutEvents throughput in alternating runs (ENTRIES=1 or 10)
#   bench/run.sh memory       RSS of `ats up` at idle and through 1,000,000 events (EVENTS=... for fewer), with retention
#   JMH_ARGS="-wi 1 -i 2" bench/run.sh PutEvents   extra JMH options (PutEventsBenchmark drives the runtime with
#                             the AWS SDK v2 in the same JVM: a second, labelled figure, what an SDK user sees)
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
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -z "$FILTER" || "$FILTER" == wrk ]]; then
  # the figure first, then the two ceilings: the same rows batch-inserted through the same JDBC
  # driver with no HTTP, and a trivial GET x 10 entries (bench/wrk/throughput.sh prints that one)
  bench/wrk/throughput.sh 15 "ats up" | tee bench/target/wrk.txt
  java "${JAVA_OPTS[@]}" -cp "$CP" dev.miniats.bench.SqliteCeiling 5 | tee bench/target/ceiling.txt
  health=$(sed -n 's/.*GET \/_ats\/health \([0-9.]*\) req.*/\1/p' bench/target/wrk.txt)
  sqlite=$(sed -n 's/^bare.*: \([0-9,]*\) events\/s.*/\1/p' bench/target/ceiling.txt | tr -d ,)
  events=$(sed -n 's/.*PutEvents x10 .* = *\([0-9]*\) events\/s.*/\1/p' bench/target/wrk.txt)
  ceiling=$(echo "h = $health * 10; if (h < $sqlite) h else $sqlite" | bc)
  printf 'ceiling = min(HTTP %.0f req/s x 10, SQLite %s events/s) = %.0f events/s; 10-entry PutEvents %s events/s = %.0f%% of it\n' \
      "$health" "$sqlite" "$ceiling" "$events" "$(echo "100 * $events / $ceiling" | bc -l)"
fi
if [[ -z "$FILTER" || "$FILTER" == mail ]]; then
  java "${JAVA_OPTS[@]}" -cp "$CP" dev.miniats.bench.MailLatency 50
fi
if [[ -z "$FILTER" || "$FILTER" == first-mail ]]; then
  java "${JAVA_OPTS[@]}" -cp "$CP" dev.miniats.bench.FirstMail "${RUNS:-5}" ${ATS_JARS:-local/target/mini-ats-local.jar}
fi
if [[ -z "$FILTER" || "$FILTER" == matching-cpu ]]; then
  java "${JAVA_OPTS[@]}" -cp "$CP" dev.miniats.local.events.MatchingCpuRatio 30 2000
fi
if [[ -z "$FILTER" || "$FILTER" == openloop ]]; then
  java "${JAVA_OPTS[@]}" -cp "$CP" dev.miniats.bench.OpenLoop 2000 20 10
  java "${JAVA_OPTS[@]}" -cp "$CP" dev.miniats.bench.OpenLoop 1000 20 1
fi
if [[ -z "$FILTER" || "$FILTER" == memory ]]; then
  bench/wrk/memory.sh "${EVENTS:-1000000}"
fi
if [[ -z "$FILTER" || "$FILTER" == start-mails ]]; then
  bench/wrk/start-mails.sh "${RUNS:-5}"
fi
if [[ "$FILTER" == start-mails || "$FILTER" == wrk || "$FILTER" == mail || "$FILTER" == first-mail || "$FILTER" == matching-cpu || "$FILTER" == openloop || "$FILTER" == memory ]]; then
  exit 0
fi
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
