# Sourced by the wrk scripts: starts `ats up` from local/target/mini-ats-local.jar on a free port in a
# fresh data directory with a rule sending source=bench to ats-noop, and stops it on exit.
# Sets pid, dir, url. JVM_OPTS (array) and ATS_ARGS (array) may be set before sourcing; the
# classpath prefix $prefix (optional) goes before the jar.
# ATS_JAR (env) runs another build, e.g. the jar of the commit a change is compared with (a prefix on
# the class path would not do: Flyway would still find the newer jar's migrations behind it)
jar="${ATS_JAR:-local/target/mini-ats-local.jar}"
port=$((20000 + RANDOM % 20000))
dir=$(mktemp -d)
java "${JVM_OPTS[@]}" -cp "${prefix:+$prefix:}$jar" dev.miniats.local.Ats up --data-dir "$dir" --port "$port" \
    --smtp-port 0 --imap-port 0 --xray-port 0 "${ATS_ARGS[@]}" > "$dir/out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
until grep -q 'Ready in' "$dir/out"; do
  kill -0 $pid 2>/dev/null || { echo "ats up stopped before it was ready:" >&2; tail -5 "$dir/out" >&2; exit 1; }
  sleep 0.1
done
url="http://127.0.0.1:$port/"
json=(-s -H 'Content-Type: application/x-amz-json-1.1' -H 'Authorization: x')
curl "${json[@]}" -XPOST "$url" -H 'X-Amz-Target: AWSEvents.PutRule' -d '{"Name":"bench","EventPattern":"{\"source\":[\"bench\"]}"}' >/dev/null
curl "${json[@]}" -XPOST "$url" -H 'X-Amz-Target: AWSEvents.PutTargets' \
    -d '{"Rule":"bench","Targets":[{"Id":"t","Arn":"arn:aws:lambda:us-east-1:000000000000:function:ats-noop"}]}' >/dev/null
