#!/usr/bin/env bash
# OCPP benchmark (issue 17 "Benchmark"). Run by hand, never in CI:   bench/ocpp.sh [MODEL] [DISCONNECTS]   (3U-DR, 100)
#
# Starts the model's sim image from a freshly unpacked tarball with org.infinergi.ocpp url set to the independent
# central system of the tests (feature.ocpp/src/test/central-system: ocpp-rpc, strict validation, run by node; its
# npm packages installed when missing), authorization mode Disabled (a plug-in is a transaction). Prints key=value:
#   boot_accepted_ms      launch of bin/karaf → the central system answered BootNotification Accepted
#   rss_kb, rss_mb,       VmRSS and threads of the JVM with OCPP connected, after IDLE_S (30) s idle following
#   threads               Accepted and VEHICLE_NOT_CONNECTED (budget: rss_kb <= 131072, 128 MiB, for 3U-DR)
#   remote_stop_ms        RemoteStopTransaction sent by the central system → /api/status contactorClosed false
#                         (polled every 20 ms: the figure is up to one poll late)
#   disconnects           connections the central system dropped while a car charged (MeterValueSampleInterval 1 s),
#                         each at a random moment 0–1 s after a transaction message arrived, then awaited back
#   tx_sent_start/tx_sent_stop/tx_samples  transaction messages the central system received (samples distinct)
#   tx_lost               samples missing from the 1 s series (gaps of the charger's own timestamps, rounded to whole
#                         intervals, minus one) + starts/stops missing (one each expected)
#   tx_duplicated         messages received more than once (OCPP-J is at-least-once at the wire: a message whose
#                         answer the drop lost is sent again after the new boot; counted, not hidden)
#   tx_out_of_order       distinct messages whose charger timestamp is older than one received before them
# Targets (issue 17): tx_lost=0, tx_duplicated=0, tx_out_of_order=0.
# RSS only (issue 17's memory; about 2 min, no charging, no disconnects):   bench/ocpp.sh 3U-DR rss
#   NO_URL=1    the same image without a url (as it ships), for the comparison
#   NMT=1       with -XX:NativeMemoryTracking=summary (adds about 5 MB); after the idle writes jcmd's VM.native_memory
#               summary, VM.classloader_stats and the loaded classes per package to $OUT/{nmt,classloaders,classes}.txt
#   IMAGE=…     another image tarball; OUT=… another output folder
# Needs: JDK 17, node and npm, curl, python3. Takes about DISCONNECTS × 8 s (the reconnection back-off is 5–10 s).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MODEL="${1:-3U-DR}"
DISCONNECTS="${2:-100}"
IDLE_S="${IDLE_S:-30}"
IMAGE="${IMAGE:-$ROOT/karaf-assembly/target/infinergi-$MODEL-sim.tar.gz}"   # IMAGE=…tar.gz: another build
CS_DIR="$ROOT/feature.ocpp/src/test/central-system"
OUT="${OUT:-$ROOT/bench/target/ocpp-$MODEL}"
[ -f "$IMAGE" ] || { echo "bench/ocpp.sh: no image $IMAGE: run mvn install first" >&2; exit 2; }
for c in node npm curl python3; do command -v $c >/dev/null || { echo "bench/ocpp.sh: needs $c" >&2; exit 1; }; done
[ -d "$CS_DIR/node_modules/ocpp-rpc" ] || npm ci --prefix "$CS_DIR" --no-audit --no-fund >&2

RSS_ONLY=false; [ "$DISCONNECTS" = rss ] && RSS_ONLY=true && DISCONNECTS=0
[ "${NMT:-0}" = 1 ] && export EXTRA_JAVA_OPTS="${EXTRA_JAVA_OPTS:-} -XX:NativeMemoryTracking=summary"
rm -rf "$OUT" && mkdir -p "$OUT/image"
tar -xzf "$IMAGE" -C "$OUT/image" --strip-components=1
. "$(dirname "$0")/sim-ports.sh" && bench_sim_ports "$OUT/image"
LOGIN="$(bench_login "$OUT/image")"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HTTP_PORT=$(free_port); CS_PORT=$(free_port)
sed -i "s/^org\.osgi\.service\.http\.port *=.*/org.osgi.service.http.port = $HTTP_PORT/" "$OUT/image/etc/system.properties"
NO_URL=${NO_URL:-0}; [ "$NO_URL" = 1 ] && ! $RSS_ONLY && { echo "bench/ocpp.sh: NO_URL=1 needs rss" >&2; exit 2; }
if [ "$NO_URL" = 1 ]; then   # the image as it ships: OCPP installed, no central system
  printf 'authorizationMode = DISABLED\n' >"$OUT/image/etc/org.infinergi.ocpp.cfg"
else
  printf 'url = ws://127.0.0.1:%s/ocpp\nauthorizationMode = DISABLED\n' "$CS_PORT" >"$OUT/image/etc/org.infinergi.ocpp.cfg"
fi

now_ms() { date +%s%3N; }
LOG="$OUT/central-system.log"
mkfifo "$OUT/cs.in"
(cd "$CS_DIR" && exec node central-system.js --port "$CS_PORT" --heartbeat 300 --tx-base 1 --exit-after 7200 \
    <"$OUT/cs.in" >"$LOG" 2>"$OUT/central-system.err") &
CS_PID=$!
exec 4>"$OUT/cs.in"   # the central system's stdin: its commands
IMG_PID=
cleanup() {
  [ -n "$IMG_PID" ] && kill "$IMG_PID" 2>/dev/null && wait "$IMG_PID" 2>/dev/null || true
  exec 4>&- || true
  kill "$CS_PID" 2>/dev/null || true
}
trap cleanup EXIT INT TERM
cs() { echo "$1" >&4; }
count() { grep -c "$1" "$LOG" || true; }
await() { # await <what> <seconds> <command…>: polls every 20 ms
  local what="$1" limit=$(( $(now_ms) + $2 * 1000 )); shift 2
  until "$@"; do
    [ "$(now_ms)" -lt "$limit" ] || { echo "bench/ocpp.sh: timed out waiting for $what (see $OUT)" >&2; exit 1; }
    sleep 0.02
  done
}
status() { curl -s -m 2 -u "$LOGIN" "http://127.0.0.1:$HTTP_PORT/api/status" 2>/dev/null || true; }
ev() { curl -s -m 5 -H 'Content-Type: application/json' -d "$1" "http://127.0.0.1:$HTTP_PORT/api/sim/ev" >/dev/null; }
accepted() { grep -q '"event":"boot","status":"Accepted"' "$LOG"; }
state_is() { status | grep -q "\"state\":\"$1\""; }
contactor_open() { status | grep -q '"contactorClosed":false'; }
tx_count() { grep -c "\"event\":\"tx\",\"action\":\"$1\"" "$LOG" || true; }
await "the central system" 20 grep -q '"listening"' "$LOG"

# ---- boot to BootNotification accepted ------------------------------------------------------------------
t0=$(now_ms)
(cd "$OUT/image" && KARAF_EXEC=exec exec bin/karaf server >"$OUT/image.out" 2>&1) &
IMG_PID=$!
if [ "$NO_URL" = 1 ]; then boot_accepted_ms=none; else
  await "BootNotification Accepted" 180 accepted
  boot_accepted_ms=$(( $(now_ms) - t0 ))
fi
await "VEHICLE_NOT_CONNECTED" 120 state_is VEHICLE_NOT_CONNECTED

# ---- RSS with OCPP connected, idle ----------------------------------------------------------------------
sleep "$IDLE_S"
rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$IMG_PID/status")
threads=$(awk '/^Threads:/ {print $2}' "/proc/$IMG_PID/status")
if [ "${NMT:-0}" = 1 ]; then
  jcmd "$IMG_PID" VM.native_memory summary >"$OUT/nmt.txt" 2>&1 || true
  jcmd "$IMG_PID" VM.classloader_stats >"$OUT/classloaders.txt" 2>&1 || true
  jcmd "$IMG_PID" VM.class_hierarchy 2>/dev/null | sed -n 's/^[ |-]*\([a-z][a-z0-9_]*\.[a-z0-9_]*\.[a-z0-9_]*\).*/\1/p' \
    | sort | uniq -c | sort -rn >"$OUT/classes.txt" || true
fi
if $RSS_ONLY; then
  echo "model=$MODEL"; echo "boot_accepted_ms=$boot_accepted_ms"; echo "idle_s=$IDLE_S"; echo "rss_kb=$rss_kb"
  awk -v a="$rss_kb" 'BEGIN { printf "rss_mb=%.1f\n", a / 1024 }'; echo "threads=$threads"
  exit 0
fi

# ---- RemoteStopTransaction → contactor open -------------------------------------------------------------
cs '{"cmd":"call","tag":"mv","method":"ChangeConfiguration","params":{"key":"MeterValueSampleInterval","value":"1"}}'
ev '{"action":"charge","maxCurrentA":16,"phases":3}'
await "StartTransaction" 60 eval '[ "$(tx_count StartTransaction)" -ge 1 ]'
await "the contactor closed" 60 eval 'status | grep -q "\"contactorClosed\":true"'
TX_ID=$(grep '"action":"StartTransaction"' "$LOG" | tail -1 | sed 's/.*"transactionId":\([0-9]*\).*/\1/')
t1=$(now_ms)
cs "{\"cmd\":\"call\",\"tag\":\"stop\",\"method\":\"RemoteStopTransaction\",\"params\":{\"transactionId\":$TX_ID}}"
await "the contactor open" 30 contactor_open
remote_stop_ms=$(( $(now_ms) - t1 ))
ev '{"action":"unplug"}'
await "StopTransaction" 60 eval '[ "$(tx_count StopTransaction)" -ge 1 ]'
await "VEHICLE_NOT_CONNECTED" 60 state_is VEHICLE_NOT_CONNECTED

# ---- forced disconnects while charging ------------------------------------------------------------------
FROM=$(wc -l <"$LOG")
ev '{"action":"charge","maxCurrentA":16,"phases":3}'
await "the second StartTransaction" 60 eval '[ "$(tx_count StartTransaction)" -ge 2 ]'
for i in $(seq "$DISCONNECTS"); do
  seen=$(count '"event":"tx"')
  await "a transaction message before disconnect $i" 60 eval '[ "$(count "\"event\":\"tx\"")" -gt "$seen" ]'
  sleep "0.$(( RANDOM % 10 ))$(( RANDOM % 10 ))"
  connected=$(count '"event":"connected"')
  cs '{"cmd":"close"}'
  await "connection $i made again" 120 eval '[ "$(count "\"event\":\"connected\"")" -gt "$connected" ]'
done
ev '{"action":"unplug"}'
await "the last StopTransaction" 180 eval '[ "$(tx_count StopTransaction)" -ge 2 ]'
sleep 2

read -r tx_start tx_stop tx_samples tx_lost tx_duplicated tx_out_of_order < <(tail -n +"$((FROM + 1))" "$LOG" | python3 -c '
import json, sys
from datetime import datetime
def ts(s): return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
msgs = []
for line in sys.stdin:
    try: e = json.loads(line)
    except ValueError: continue
    if e.get("event") != "tx": continue
    p = e["params"]
    t = p["meterValue"][0]["timestamp"] if e["action"] == "MeterValues" else p["timestamp"]
    msgs.append((e["action"], ts(t), json.dumps(p, sort_keys=True)))
seen, dup, ooo, last = set(), 0, 0, -1.0
for a, t, key in msgs:
    if key in seen: dup += 1; continue
    seen.add(key)
    if t < last: ooo += 1
    last = max(last, t)
distinct = {}
for a, t, key in msgs: distinct[key] = (a, t)
starts = sum(1 for a, t in distinct.values() if a == "StartTransaction")
stops = sum(1 for a, t in distinct.values() if a == "StopTransaction")
samples = sorted(t for a, t in distinct.values() if a == "MeterValues")
lost = sum(max(0, round(b - a) - 1) for a, b in zip(samples, samples[1:]))
lost += abs(1 - starts) + abs(1 - stops)
print(starts, stops, len(samples), lost, dup, ooo)')

echo "model=$MODEL"
echo "cpus=$(nproc)"
echo "boot_accepted_ms=$boot_accepted_ms"
echo "idle_s=$IDLE_S"
echo "rss_kb=$rss_kb"
awk -v a="$rss_kb" 'BEGIN { printf "rss_mb=%.1f\n", a / 1024 }'
echo "threads=$threads"
echo "remote_stop_ms=$remote_stop_ms"
echo "disconnects=$DISCONNECTS"
echo "tx_sent_start=$tx_start"
echo "tx_sent_stop=$tx_stop"
echo "tx_samples=$tx_samples"
echo "tx_lost=$tx_lost"
echo "tx_duplicated=$tx_duplicated"
echo "tx_out_of_order=$tx_out_of_order"
