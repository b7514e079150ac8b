#!/usr/bin/env bash
# Idle CPU benchmark (standing budget): the firmware's own threads, not the simulated world's, use under 1 % of one
# core when no car is plugged in. Run by hand, never in CI:   bench/idle-cpu.sh [MODEL] [SECONDS]   (3U-DR, 60)
#
# Starts the model's sim image from a freshly unpacked tarball, waits until /api/status says VEHICLE_NOT_CONNECTED
# and 30 s more (boot work done), then reads utime+stime of every thread from /proc/<pid>/task/*/stat at the start
# and the end of the window. Prints key=value lines:
#   firmware_pct   CPU of all JVM threads except the simulated world's (names infinergi-sim*), % of one core
#   sim_pct        CPU of the simulated world's threads, % of one core
#   top_threads    the five busiest firmware threads with their % of one core
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MODEL="${1:-3U-DR}"
WINDOW_S="${2:-60}"
IMAGE="$ROOT/karaf-assembly/target/infinergi-$MODEL-sim.tar.gz"
OUT="$ROOT/bench/target"
[ -f "$IMAGE" ] || { echo "bench/idle-cpu.sh: no image $IMAGE: run ./test.sh or mvn install first" >&2; exit 2; }

DIR="$OUT/idle-$MODEL"
rm -rf "$DIR" && mkdir -p "$DIR"
tar -xzf "$IMAGE" -C "$DIR" --strip-components=1
. "$(dirname "$0")/sim-ports.sh" && bench_sim_ports "$DIR"   # its own Modbus ports
LOGIN="$(bench_login "$DIR")"
PORT=$(( 20000 + RANDOM % 30000 ))
sed -i "s/^org\.osgi\.service\.http\.port *=.*/org.osgi.service.http.port = $PORT/" "$DIR/etc/system.properties"

(cd "$DIR" && KARAF_EXEC=exec exec bin/karaf server >"$OUT/idle.out" 2>&1) &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 240); do
  curl -s -u "$LOGIN" "localhost:$PORT/api/status" 2>/dev/null | grep -q '"VEHICLE_NOT_CONNECTED"' && break
  sleep 0.25
done
curl -s -u "$LOGIN" "localhost:$PORT/api/status" | grep -q '"VEHICLE_NOT_CONNECTED"' \
  || { echo "bench/idle-cpu.sh: the charger did not reach VEHICLE_NOT_CONNECTED" >&2; exit 1; }
sleep 30

# name<TAB>ticks for every thread of the JVM.
ticks() {
  local t
  for t in /proc/"$PID"/task/*; do
    [ -r "$t/stat" ] || continue
    printf '%s\t%s\n' "$(cat "$t/comm" 2>/dev/null)" \
      "$(sed -E 's/^.*\) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}')"
  done
}
ticks | sort >"$OUT/idle-before.tsv"
sleep "$WINDOW_S"
ticks | sort >"$OUT/idle-after.tsv"

HZ=$(getconf CLK_TCK)
awk -F'\t' -v hz="$HZ" -v s="$WINDOW_S" '
  NR == FNR { before[$1] += $2; next }
  { after[$1] += $2 }
  END {
    for (n in after) {
      d = after[n] - before[n]; if (d < 0) d = 0
      pct = 100 * d / hz / s
      if (n ~ /^infinergi-sim/) sim += pct; else { fw += pct; byname[n] = pct }
    }
    printf "model_window_s=%d\nfirmware_pct=%.2f\nsim_pct=%.2f\n", s, fw, sim
    top = ""
    for (k = 0; k < 5; k++) {
      best = ""; bv = -1
      for (n in byname) if (byname[n] > bv) { bv = byname[n]; best = n }
      if (best == "") break
      top = top sprintf("%s%s:%.2f", (top == "" ? "" : ","), best, bv); delete byname[best]
    }
    print "top_threads=" top
  }' "$OUT/idle-before.tsv" "$OUT/idle-after.tsv"
