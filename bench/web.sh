#!/usr/bin/env bash
# Web interface benchmark (issue 18 "Benchmark"), on a model's sim image on loopback.
# Run by hand, never in CI:   bench/web.sh [MODEL]      (default 3U-DR)   — under the boot lock when others boot images:
#                             flock /tmp/infinergi-boot.lock bench/web.sh
#
# Prints key=value lines. The image starts from a freshly unpacked tarball (first boot, empty data/).
#   rss_idle_kb        VmRSS of the JVM after 30 s idle following ready (before any page or poller): target <= 131072
#   home_cold_*_ms     Home fully loaded from a cold browser (Debian's chromium, a new context each run: empty cache),
#                      from navigation to /ui/ until the load event and Home showing the charger's state (the first
#                      /api/status answer rendered); logged in beforehand (session cookie): target < 300;
#                      *_in_page_* and *_server_wait_* from the browser's Navigation/Resource Timing (bench/README.md)
#   poll_*             50 clients (POLLERS) polling /api/status every POLL_MS (default 1000, twice the page's rate),
#                      each on its own keep-alive connection with HTTP Basic, for POLL_S (default 20) s, while the
#                      simulated car charges at 16 A on 3 phases: p50/p95/p99/max latency; target p99 < 50
#   charge_*           the charge meanwhile, sampled every 200 ms from /api/sim: samples not CHARGING with the relay
#                      closed and current flowing (target 0), the energy delivered during the pollers
#   rss_after_kb       VmRSS after the pollers and the browser, for comparison
# Needs: JDK 17, curl, python3, node and /usr/bin/chromium, playwright-core in itest/src/test/browser (npm ci there).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MODEL="${1:-3U-DR}"
IDLE_S="${IDLE_S:-30}"
POLLERS="${POLLERS:-50}"
POLL_S="${POLL_S:-20}"
POLL_MS="${POLL_MS:-1000}"
HOME_RUNS="${HOME_RUNS:-5}"
OUT="$ROOT/bench/out"
IMAGE="$ROOT/karaf-assembly/target/infinergi-$MODEL-sim.tar.gz"
BROWSER_DIR="$ROOT/itest/src/test/browser"

[ -d "$ROOT/karaf-assembly/models/$MODEL" ] && [[ "$MODEL" != _* ]] || {
  echo "web.sh: unknown model '$MODEL'" >&2; exit 2; }
for tool in curl node python3 /usr/bin/chromium; do
  command -v "$tool" >/dev/null || { echo "web.sh: needs $tool" >&2; exit 1; }
done
[ -f "$IMAGE" ] || { echo "web.sh: no $IMAGE: mvn install -DskipTests -pl karaf-assembly -am first" >&2; exit 1; }
[ -d "$BROWSER_DIR/node_modules/playwright-core" ] || (cd "$BROWSER_DIR" && npm ci --no-audit --no-fund >&2)

PID=
SAMPLER=
cleanup() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  if [ -n "$PID" ]; then
    kill "$PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT INT TERM

now_ms() { date +%s%3N; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# ---- the image -------------------------------------------------------------------------------------------
DIR="$OUT/web-$MODEL-sim"
rm -rf "$DIR" && mkdir -p "$DIR"
tar -xzf "$IMAGE" -C "$DIR" --strip-components=1
. "$(dirname "$0")/sim-ports.sh" && bench_sim_ports "$DIR"
LOGIN="$(bench_login "$DIR")"
USER="${LOGIN%%:*}"; PASSWORD="${LOGIN#*:}"
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
sed -i "s/^org\.osgi\.service\.http\.port *=.*/org.osgi.service.http.port = $PORT/" "$DIR/etc/system.properties"

t0=$(now_ms)
(cd "$DIR" && KARAF_EXEC=exec exec bin/karaf server >"$OUT/web-image.out" 2>&1) &
PID=$!
ready=
while kill -0 "$PID" 2>/dev/null; do
  if curl -s -m 1 -u "$LOGIN" "$BASE/api/status" 2>/dev/null | grep -q '"state":"VEHICLE_NOT_CONNECTED"'; then
    ready=1; break
  fi
  [ $(( $(now_ms) - t0 )) -lt 120000 ] || break
  sleep 0.1
done
[ -n "$ready" ] || { echo "web.sh: the image never reported VEHICLE_NOT_CONNECTED (see $DIR/data/log)" >&2; exit 1; }
sleep "$IDLE_S"
rss_idle_kb=$(rss_kb "$PID")

# ---- Home from a cold browser ------------------------------------------------------------------------------
HOME_OUT="$(node "$ROOT/bench/web-load.js" home "$BASE" "$USER" "$PASSWORD" "$HOME_RUNS")"

# ---- 50 pollers while a car charges -------------------------------------------------------------------------
sim() { curl -s -f -o /dev/null -X POST -H 'Content-Type: application/json' -d "$2" "$BASE/api/sim/$1"; }
sim ev '{"action":"charge","maxCurrentA":16,"phases":3}'
for _ in $(seq 200); do
  curl -s -u "$LOGIN" "$BASE/api/status" | grep -q '"state":"CHARGING"' && break
  sleep 0.1
done
SAMPLES="$OUT/web-charge-samples.txt"
: >"$SAMPLES"
( while :; do
    curl -s -m 2 "$BASE/api/sim" | python3 -c 'import json,sys
try:
    s=json.load(sys.stdin); print(1 if s["contactor"] and s["evCurrentA"]>0 and s["evState"]=="C" else 0, s["evEnergyWh"])
except Exception: print(0, "nan")' >>"$SAMPLES"
    sleep 0.2
  done ) &
SAMPLER=$!
POLL_OUT="$(node "$ROOT/bench/web-load.js" pollers "$BASE" "$USER" "$PASSWORD" "$POLLERS" "$POLL_S" "$POLL_MS")"
kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=
state_after="$(curl -s -u "$LOGIN" "$BASE/api/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')"
sim ev '{"action":"unplug"}'
rss_after_kb=$(rss_kb "$PID")

# ---- report --------------------------------------------------------------------------------------------------
echo "model=$MODEL"
echo "cpus=$(nproc)"
echo "java=$(java -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/')"
echo "chromium=$(/usr/bin/chromium --version 2>/dev/null | head -1 | tr ' ' '_')"
echo "idle_s=$IDLE_S"
echo "rss_idle_kb=$rss_idle_kb"
awk -v a="$rss_idle_kb" 'BEGIN { printf "rss_idle_mb=%.1f\n", a / 1024 }'
echo "$HOME_OUT"
echo "$POLL_OUT"
echo "charge_samples=$(wc -l <"$SAMPLES")"
echo "charge_samples_not_charging=$(awk '$1 != 1' "$SAMPLES" | wc -l)"
awk 'NR==1 {a=$2} {b=$2} END { printf "charge_energy_during_pollers_wh=%.1f\n", b - a }' "$SAMPLES"
echo "charge_state_after=$state_after"
echo "rss_after_kb=$rss_after_kb"
