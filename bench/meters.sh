#!/usr/bin/env bash
# Modbus meter benchmark (issue 19 "Benchmark"). Run by hand, never in CI:   bench/meters.sh
#
# Prints key=value lines:
#   requests_per_poll              Modbus requests one reading of the three-phase meter takes (SDM72D-M map)
#   rtu9600_reads_per_s            complete readings per second, polled back to back, over RTU at 9600 baud 8N1
#                                  (a pseudo-terminal pair by socat, each byte held for its 10 bit times on the wire)
#   rtu9600_poll_p50_ms / _p99_ms  time of one poll (all its requests) over that line
#   tcp_reads_per_s, tcp_poll_p50_ms, tcp_poll_p99_ms   the same over Modbus TCP on loopback
#   bus_cpu_pct_one_core_two_meters_1s   CPU of the bus's line threads while polling two meters every second,
#                                  in % of one core (target: under 1 %)
# Knobs: POLLS (default 200: TCP polls; RTU does a quarter), CPU_S (default 30).
# Needs: JDK 17, Maven, socat (test.sh installs it). RSS of the 3U-DR sim image: bench/boot.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
REPO="${MAVEN_REPO_LOCAL:-}"
MVN=(mvn -B -q -o)
[ -n "$REPO" ] && MVN+=("-Dmaven.repo.local=$REPO")
command -v socat >/dev/null || { echo "meters.sh: needs socat" >&2; exit 1; }

cd "$ROOT"
"${MVN[@]}" -pl driver.modbus-meters/bus -am install -DskipTests -Dbnd.baseline.skip >/dev/null
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
"${MVN[@]}" -pl driver.modbus-meters/bus dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$CP_FILE" >/dev/null
BUS="$ROOT/driver.modbus-meters/bus/target"
"${MVN[@]}" -pl driver.modbus-meters/bus test-compile >/dev/null
exec java -Dpolls="${POLLS:-200}" -DcpuSeconds="${CPU_S:-30}" -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -cp "$BUS/classes:$BUS/test-classes:$(cat "$CP_FILE")" \
  org.infinergi.driver.modbusmeters.bus.internal.MetersBench
