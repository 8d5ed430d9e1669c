#!/usr/bin/env bash
# Measures user Lambda functions run as local processes: a no-op Node.js 20 function's
# create-function -> first invoke (cold) and warm invoke p50/p99, and a java17 (AWS RIC) cold start
# (java17: Debian 12 has no JDK 21, and java21 now needs one).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "cores: $(nproc)"
mvn -q -B -pl local -am test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
java -cp "local/target/test-classes:local/target/classes:$(cat local/target/classpath.txt)" \
  dev.miniats.local.lambda.MeasureLambdaRuntimes "${1:-2000}"
