# Sourced by the wrk scripts: defines ats_start, which starts `ats up` from a jar on a free port in a
# fresh data directory with a rule sending source=bench to ats-noop, and waits until it is ready.
#   ats_start <jar>    sets ats_pid, ats_dir, ats_url; the caller stops the process and removes the dir.
# JVM_OPTS (array) and ATS_ARGS (array) may be set before calling; the classpath prefix $prefix
# (optional) goes before the jar.
ats_start() {
  local jar="$1" port=$((20000 + RANDOM % 20000))
  ats_dir=$(mktemp -d)
  java "${JVM_OPTS[@]}" -cp "${prefix:+$prefix:}$jar" dev.miniats.local.Ats up --data-dir "$ats_dir" --port "$port" \
      --smtp-port 0 --imap-port 0 --xray-port 0 "${ATS_ARGS[@]}" > "$ats_dir/out" 2>&1 &
  ats_pid=$!
  until grep -qs 'Ready in' "$ats_dir/out"; do
    kill -0 "$ats_pid" 2>/dev/null || { echo "ats up ($jar) stopped before it was ready:" >&2; tail -5 "$ats_dir/out" >&2; return 1; }
    sleep 0.1
  done
  ats_url="http://127.0.0.1:$port/"
  local json=(-s -H 'Content-Type: application/x-amz-json-1.1' -H 'Authorization: x')
  curl "${json[@]}" -XPOST "$ats_url" -H 'X-Amz-Target: AWSEvents.PutRule' -d '{"Name":"bench","EventPattern":"{\"source\":[\"bench\"]}"}' >/dev/null
  curl "${json[@]}" -XPOST "$ats_url" -H 'X-Amz-Target: AWSEvents.PutTargets' \
      -d '{"Rule":"bench","Targets":[{"Id":"t","Arn":"arn:aws:lambda:us-east-1:000000000000:function:ats-noop"}]}' >/dev/null
}
