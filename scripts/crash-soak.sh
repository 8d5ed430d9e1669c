#!/usr/bin/env bash
# Crash soak for issue 16: `ats up` SIGKILLed KILLS times (default 100) at random moments
# (during boot, and under PutEvents load of every hiring detail-type, so during delivery and
# SMTP), then every acknowledged event must have exactly one mail over IMAP, every interview's
# SEQUENCE must follow its chain, and every partner candidate must be on the roster once.
# It is ExactlyOnceCrashTest (30 kills in `mvn verify`) with more kills; prints one line per
# kill as it goes and its "crash:" line at the end.
#   scripts/crash-soak.sh [KILLS] [SEED]
# It runs on a copy of the tree (built once, into its own jar, started by that copy's `./ats`), so
# edits and builds in the worktree cannot swap classes under a running soak. 100 kills take
# 15-30 min on a shared 2-core machine: run it under nohup, not under a tool with a 15-min timeout.
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
kills="${1:-100}"
seed="${2:-$RANDOM}"
work="$(mktemp -d "${TMPDIR:-/tmp}/ats-soak.XXXXXX")"
echo "cores: $(nproc); kills: $kills; seed: $seed; copy: $work/tree; started $(date -u +%FT%TZ)"
mkdir "$work/tree"
tar -C "$src" --exclude=./.git --exclude='./*/target' --exclude=./target --exclude=./node_modules \
    --exclude=./.ats-data -cf - . | tar -C "$work/tree" -xf -
cd "$work/tree"
mvn -q -B -ntp -o -pl local -am package -DskipTests
# the class-data archive is recorded by one training start; done here so no kill hits it
./ats --help > /dev/null
[ -f local/target/mini-ats-local.jsa ] || { echo "no class-data archive: every start would record one" >&2; exit 1; }
log="$work/soak.log"
set +e
mvn -B -ntp -o -pl local -am test -Dtest=ExactlyOnceCrashTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dats.crash.kills="$kills" -Dats.crash.seed="$seed" -Dats.crash.ats="$work/tree/ats" 2>&1 | tee "$log" \
  | grep --line-buffered -E '^(kill |checking |deliveries |crash:)|Tests run:.*ExactlyOnceCrashTest|FAIL|expected|Expecting'
status=${PIPESTATUS[0]}
set -e
echo "finished $(date -u +%FT%TZ), exit $status; full log: $log"
exit "$status"
