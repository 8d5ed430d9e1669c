# Sourced by the wrk scripts: starts `ats up` from local/target/mini-ats-local.jar on a free port in a
# fresh data directory with a rule sending source=bench to ats-noop (bench/wrk/ats-start.sh), and stops
# it on exit. Sets pid, dir, url. JVM_OPTS (array) and ATS_ARGS (array) may be set before sourcing; the
# classpath prefix $prefix (optional) goes before the jar.
# ATS_JAR (env) runs another build, e.g. the jar of the commit a change is compared with (a prefix on
# the class path would not do: Flyway would still find the newer jar's migrations behind it)
source bench/wrk/ats-start.sh
trap 'kill ${ats_pid:-} 2>/dev/null || true; wait ${ats_pid:-} 2>/dev/null || true; rm -rf "${ats_dir:-}"' EXIT
ats_start "${ATS_JAR:-local/target/mini-ats-local.jar}" || exit 1
pid=$ats_pid; dir=$ats_dir; url=$ats_url
