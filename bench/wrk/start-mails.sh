#!/usr/bin/env bash
# `ats up` → the `Ready` line with 0, 1,000 and 10,000 stored (delivered) mails in the data dir,
# median of RUNS starts each (wall clock from launch to the line, as the README's start figure),
# then a start in one JVM followed by the first IMAP read of one candidate's INBOX.
#   bench/wrk/start-mails.sh [runs]          this worktree's jar
#   ATS_JAR=/tmp/before.jar bench/wrk/start-mails.sh   another build, e.g. the commit a change is compared with
# Each jar gets its own class-data archive (as ./ats records one), and each count its own seeded dir, copied
# fresh for every jar; the first start on a copy (migrations, page cache) is not counted.
# Needs bench/target/classes and the jar (bench/run.sh start-mails builds both).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"
jar="${ATS_JAR:-local/target/mini-ats-local.jar}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
archive="$work/cds.jsa"
ports=(--port 0 --smtp-port 0 --imap-port 0 --xray-port 0)
java -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$jar" up --exit-when-ready \
    --data-dir "$work/train" "${ports[@]}" >/dev/null 2>&1 || rm -f "$archive"
cds=()
[ -f "$archive" ] && cds=(-XX:SharedArchiveFile="$archive" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)

# launch → Ready, in ms
ready_ms() {
  local t0 stamp="$work/ready"
  t0=$(date +%s%N)
  java "${cds[@]}" -jar "$jar" up --exit-when-ready --data-dir "$1" "${ports[@]}" 2>&1 \
      | { grep -m1 -q 'Ready in' && date +%s%N > "$stamp"; cat > /dev/null; }
  echo $(( ($(cat "$stamp") - t0) / 1000000 ))
}

echo "cores: $(nproc)   jar: $jar   load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for mails in 0 1000 10000; do
  seeded="${SEED_DIR:-bench/target/start-mails}/$mails"
  if [ ! -d "$seeded" ]; then
    mkdir -p "$seeded"
    java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "local/target/mini-ats-local.jar:bench/target/classes" \
        dev.miniats.bench.StartWithMails seed "$seeded" "$mails"
  fi
  rm -rf "$work/dir" && cp -r "$seeded" "$work/dir"
  first=$(ready_ms "$work/dir")
  times=()
  for ((i = 0; i < runs; i++)); do
    times+=("$(ready_ms "$work/dir")")
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  echo "$mails mails: launch -> Ready median ${sorted[$((runs / 2))]} ms (runs: ${times[*]}; first start on the copy: $first ms)"
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar:bench/target/classes" \
      dev.miniats.bench.StartWithMails read "$work/dir" "$runs"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
