#!/usr/bin/env bash
# Replays a day of a site in seconds through the real control logic, DLM and Green (issue 16, bench/energy/README.md).
#   bench/energy.sh --trace FILE --mode FAST|GREEN|EVCC_PV [--green-level L] [--min-export-w W]
#       [--max-grid-import-w W] [--phase-limit-a A] [--boost-wh E] --car-phases 1|3 --car-max-a A
#       [--car-delay-s S] [--meter-poll-ms M] [--meter-refresh-ms R] [--meter-refresh-offset-ms O] --out LOG
#   bench/energy.sh --make-traces        writes bench/energy/traces/*.csv.gz (deterministic, seed 16)
# The replay uses the core.charging, feature.dlm, feature.green and sim jars installed in the local Maven repository
# (run `mvn install` first; MAVEN_REPO / -Dmaven.repo.local as for the build). It builds bench/energy once per change.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
repo="${MAVEN_REPO:-$HOME/.m2/repository}"
mod="$here/energy"
cp_file="$mod/target/classpath.txt"
jar="$mod/target/org.infinergi.bench.energy-0.1.0-SNAPSHOT.jar"

# Rebuild when a source of the harness is newer than its jar (or the jar is missing).
if [[ ! -f "$jar" || ! -f "$cp_file" || -n "$(find "$mod/src" "$mod/pom.xml" -newer "$jar" -print -quit)" ]]; then
  mvn -o -B -q -ntp -Dmaven.repo.local="$repo" -f "$mod/pom.xml" package -DskipTests \
      dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
fi
cp="$jar:$(cat "$cp_file")"

if [[ "${1:-}" == "--make-traces" ]]; then
  exec java -cp "$cp" org.infinergi.bench.energy.TraceGenerator "$mod/traces" "${2:-16}"
fi
# Two cores: the replay is one thread; a small heap is plenty (a day's trace is 1.7 MB of floats).
exec java -Xmx512m -XX:+UseSerialGC -cp "$cp" org.infinergi.bench.energy.EnergyReplay "$@"
