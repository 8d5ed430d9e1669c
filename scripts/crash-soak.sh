#!/usr/bin/env bash
# Crash soak for issue 16: `ats up` SIGKILLed KILLS times (default 100) at random moments
# (during boot, and under PutEvents load of every hiring detail-type, so during delivery and
# SMTP), then every acknowledged event must have exactly one mail over IMAP, every interview's
# SEQUENCE must follow its chain, and every partner candidate must be on the roster once.
# It is ExactlyOnceCrashTest (30 kills in `mvn verify`) with more kills; prints its "crash:" line.
#   scripts/crash-soak.sh [KILLS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
kills="${1:-100}"
seed="${2:-$RANDOM}"
echo "cores: $(nproc); kills: $kills; seed: $seed"
log=$(mktemp)
set +e
mvn -B -ntp -o -pl local -am verify -Dtest=ExactlyOnceCrashTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dats.crash.kills="$kills" -Dats.crash.seed="$seed" > "$log" 2>&1
status=$?
set -e
grep -h '^crash:' "$log" local/target/surefire-reports/*ExactlyOnceCrashTest*-output.txt 2>/dev/null | sort -u || true
grep -E 'Tests run:.*ExactlyOnceCrashTest|FAIL|expected|Expecting' "$log" | head -20 || true
echo "full log: $log"
exit $status
