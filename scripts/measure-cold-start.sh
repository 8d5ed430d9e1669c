#!/usr/bin/env bash
# Cold start per function: a new JVM loads the shaded Lambda jar, runs the handler's no-arg
# constructor (environment configuration, as on Lambda) and one invocation whose mail the local
# SES accepts (DynamoDB is dynalite). Median of 5 per function. Needs node + npm (dynalite).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
mvn -q -B -pl local -am package -DskipTests
jar=$(ls functions/target/functions-*-lambda.jar)
echo "cores: $(nproc); lambda jar: $jar ($(stat -c %s "$jar") bytes)"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
# A jar, not a directory: CDS refuses non-empty directories on the class path.
javac -d "$work/classes" -cp "$jar" scripts/ColdStart.java
jar cf "$work/coldstart.jar" -C "$work/classes" .

java -jar local/target/mini-ats-local.jar up --data-dir "$work/data" --port 0 --smtp-port 0 --imap-port 0 > "$work/ats.out" 2>/dev/null &
until grep -q '^Ready in' "$work/ats.out" 2>/dev/null; do sleep 0.1; done
ses=$(sed -n 's/^AWS endpoint: //p' "$work/ats.out")

tools=functions/target/node-tools
[ -d "$tools/node_modules/dynalite" ] || npm install --no-audit --no-fund --silent --prefix "$tools" dynalite@4.0.0 >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
node "$tools/node_modules/dynalite/cli.js" --host 127.0.0.1 --port "$port" > /dev/null 2>&1 &
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
ddb="http://127.0.0.1:$port"
until aws dynamodb list-tables --endpoint-url "$ddb" >/dev/null 2>&1; do sleep 0.2; done
aws dynamodb create-table --endpoint-url "$ddb" --table-name idempotency --billing-mode PAY_PER_REQUEST \
  --attribute-definitions AttributeName=id,AttributeType=S --key-schema AttributeName=id,KeyType=HASH >/dev/null
aws dynamodb create-table --endpoint-url "$ddb" --table-name pipeline --billing-mode PAY_PER_REQUEST \
  --attribute-definitions AttributeName=candidateId,AttributeType=S AttributeName=eventId,AttributeType=S \
  --key-schema AttributeName=candidateId,KeyType=HASH AttributeName=eventId,KeyType=RANGE >/dev/null
aws dynamodb create-table --endpoint-url "$ddb" --table-name roster --billing-mode PAY_PER_REQUEST \
  --attribute-definitions AttributeName=rosterId,AttributeType=S AttributeName=candidateId,AttributeType=S \
  --key-schema AttributeName=rosterId,KeyType=HASH AttributeName=candidateId,KeyType=RANGE >/dev/null

export MINI_ATS_SES_ENDPOINT="$ses" MINI_ATS_DYNAMODB_ENDPOINT="$ddb" MINI_ATS_IDEMPOTENCY_TABLE=idempotency \
       MINI_ATS_PIPELINE_TABLE=pipeline MINI_ATS_ROSTER_TABLE=roster
opts=${JAVA_OPTS:--XX:+TieredCompilation -XX:TieredStopAtLevel=1}
if [ "${APPCDS:-0}" = 1 ]; then
  # AppCDS: one training run writes the loaded classes to an archive that later JVMs map instead of
  # loading and verifying those classes again (JDK 13+ dynamic archive, JEP 350).
  for fn in SendAssessmentHandler ScheduleInterviewHandler SendOfferLetterHandler; do
    java $opts -XX:ArchiveClassesAtExit="$work/$fn.jsa" -cp "$jar:$work/coldstart.jar" ColdStart "dev.miniats.functions.$fn" \
      "{\"toEmail\":\"train-$fn@example.com\",\"fromEmail\":\"talent@example.com\",\"companyName\":\"Criteria Corp Testing\"}" >/dev/null 2>&1
  done
  echo "AppCDS archives: $(du -ch "$work"/*.jsa | tail -n 1 | cut -f1)"
fi
for fn in SendAssessmentHandler ScheduleInterviewHandler SendOfferLetterHandler; do
  totals=()
  for i in $(seq 1 "$runs"); do
    payload="{\"toEmail\":\"cold$i-$fn@example.com\",\"fromEmail\":\"talent@example.com\",\"companyName\":\"Criteria Corp Testing\"}"
    start=$(date +%s%N)
    cds=""
    [ "${APPCDS:-0}" = 1 ] && cds="-XX:SharedArchiveFile=$work/$fn.jsa"
    line=$(java $opts $cds -cp "$jar:$work/coldstart.jar" ColdStart "dev.miniats.functions.$fn" "$payload" 2>/dev/null)
    wall=$(( ($(date +%s%N) - start) / 1000000 ))
    totals+=("$wall")
    [ "$i" = 1 ] && echo "  $fn first run: $line (process wall ${wall} ms)"
  done
  echo "$fn: process wall ms $(printf '%s\n' "${totals[@]}" | sort -n | tr '\n' ' ')-> median $(printf '%s\n' "${totals[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p") ms"
done
