#!/usr/bin/env bash
# Boot benchmark of a model's sim image against stock Apache Karaf minimal (issue 2 "Benchmark").
# Run by hand, never in CI:   bench/boot.sh [MODEL]      (default 3U-DR)
#
# Prints key=value lines. Both JVMs start from a freshly unpacked tarball (first boot, empty data/), one after
# the other on this machine, each with the JVM options its distribution ships (ours: bin/setenv; stock: none).
#   image_ready_ms  launch of bin/karaf → first GET /api/status answer with "state":"VEHICLE_NOT_CONNECTED"
#                   (HTTP up, charging core, pilot driver and sim world wired and configured)
#   stock_ready_ms  launch of bin/karaf → "Done." in data/log/karaf.log: the features service logs it when
#                   it has installed and started the boot features (first boot resolves them)
#   *_rss_kb        VmRSS of the JVM after 30 s idle following ready
# Targets (issue 2): ready_ratio <= 1.3, rss_ratio <= 1.5, image_rss_kb <= 131072 (128 MB) for 3U-DR.
# Needs: JDK 17, Maven (first run downloads apache-karaf-minimal 4.4.8 into ~/.m2), curl.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MODEL="${1:-3U-DR}"
IDLE_S="${IDLE_S:-30}"
STOCK_VERSION=4.4.8
OUT="$ROOT/bench/out"
IMAGE="$ROOT/karaf-assembly/target/infinergi-$MODEL-sim.tar.gz"

[ -d "$ROOT/karaf-assembly/models/$MODEL" ] && [[ "$MODEL" != _* ]] || {
  echo "boot.sh: unknown model '$MODEL'" >&2; exit 2; }
command -v curl >/dev/null || { echo "boot.sh: needs curl" >&2; exit 1; }

PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] || continue
    kill "$p" 2>/dev/null || true
  done
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] || continue
    for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT INT TERM

now_ms() { date +%s%3N; }

# A loopback TCP port nobody listens on (and that we have not handed out yet).
USED_PORTS=" "
free_port() {
  local p
  while :; do
    p=$(( 20000 + RANDOM % 30000 ))
    case "$USED_PORTS" in *" $p "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      USED_PORTS="$USED_PORTS$p "
      echo "$p"; return
    fi
  done
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# ---- inputs ---------------------------------------------------------------------------------------------
if [ ! -f "$IMAGE" ]; then
  echo "# building the images (mvn install, tests skipped)" >&2
  (cd "$ROOT" && mvn -B -q -Dstyle.color=never install -DskipTests)
fi
STOCK_TGZ="$OUT/apache-karaf-minimal-$STOCK_VERSION.tar.gz"
if [ ! -f "$STOCK_TGZ" ]; then
  mkdir -p "$OUT"
  (cd "$ROOT" && mvn -B -q -Dstyle.color=never -N dependency:copy -Dartifact="org.apache.karaf:apache-karaf-minimal:$STOCK_VERSION:tar.gz" \
      -DoutputDirectory="$OUT" -Dmdep.stripVersion=false)
fi

# ---- our image ------------------------------------------------------------------------------------------
IMG_DIR="$OUT/infinergi-$MODEL-sim"
rm -rf "$IMG_DIR" && mkdir -p "$IMG_DIR"
tar -xzf "$IMAGE" -C "$IMG_DIR" --strip-components=1
. "$(dirname "$0")/sim-ports.sh" && bench_sim_ports "$IMG_DIR"   # its own Modbus ports
LOGIN="$(bench_login "$IMG_DIR")"
HTTP_PORT="$(free_port)"
sed -i "s/^org\.osgi\.service\.http\.port *=.*/org.osgi.service.http.port = $HTTP_PORT/" "$IMG_DIR/etc/system.properties"

t0=$(now_ms)
(cd "$IMG_DIR" && KARAF_EXEC=exec exec bin/karaf server >"$OUT/image.out" 2>&1) &
IMG_PID=$!
PIDS+=("$IMG_PID")
image_ready_ms=
while kill -0 "$IMG_PID" 2>/dev/null; do
  if curl -s -m 1 -u "$LOGIN" "http://127.0.0.1:$HTTP_PORT/api/status" 2>/dev/null | grep -q '"state":"VEHICLE_NOT_CONNECTED"'; then
    image_ready_ms=$(( $(now_ms) - t0 )); break
  fi
  [ $(( $(now_ms) - t0 )) -lt 120000 ] || break
  sleep 0.05
done
[ -n "$image_ready_ms" ] || { echo "boot.sh: the image never reported VEHICLE_NOT_CONNECTED (see $IMG_DIR/data/log)" >&2; exit 1; }
sleep "$IDLE_S"
image_rss_kb=$(rss_kb "$IMG_PID")
image_threads=$(awk '/^Threads:/ {print $2}' "/proc/$IMG_PID/status")
kill "$IMG_PID"; wait "$IMG_PID" 2>/dev/null || true

# ---- stock Karaf minimal, default options ---------------------------------------------------------------
STOCK_DIR="$OUT/apache-karaf-minimal-$STOCK_VERSION"
rm -rf "$STOCK_DIR" && mkdir -p "$STOCK_DIR"
tar -xzf "$STOCK_TGZ" -C "$STOCK_DIR" --strip-components=1
# Only its ports move (free loopback ports); nothing else changes.
sed -i "s/^sshPort *=.*/sshPort = $(free_port)/" "$STOCK_DIR/etc/org.apache.karaf.shell.cfg"
if [ -f "$STOCK_DIR/etc/org.apache.karaf.management.cfg" ]; then
  sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = $(free_port)/; s/^rmiServerPort *=.*/rmiServerPort = $(free_port)/" \
    "$STOCK_DIR/etc/org.apache.karaf.management.cfg"
fi

t0=$(now_ms)
(cd "$STOCK_DIR" && KARAF_EXEC=exec exec bin/karaf server >"$OUT/stock.out" 2>&1) &
STOCK_PID=$!
PIDS+=("$STOCK_PID")
stock_ready_ms=
while kill -0 "$STOCK_PID" 2>/dev/null; do
  if grep -qs '| Done\.' "$STOCK_DIR/data/log/karaf.log"; then
    stock_ready_ms=$(( $(now_ms) - t0 )); break
  fi
  [ $(( $(now_ms) - t0 )) -lt 120000 ] || break
  sleep 0.05
done
[ -n "$stock_ready_ms" ] || { echo "boot.sh: stock Karaf never logged Done. (see $STOCK_DIR/data/log)" >&2; exit 1; }
sleep "$IDLE_S"
stock_rss_kb=$(rss_kb "$STOCK_PID")
stock_threads=$(awk '/^Threads:/ {print $2}' "/proc/$STOCK_PID/status")
kill "$STOCK_PID"; wait "$STOCK_PID" 2>/dev/null || true

# ---- report ---------------------------------------------------------------------------------------------
echo "model=$MODEL"
echo "cpus=$(nproc)"
echo "java=$(java -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/')"
echo "image=infinergi-$MODEL-sim"
echo "image_jvm_opts=$(sed -n 's/^INFINERGI_JAVA_OPTS="\(.*\)/\1/p' "$IMG_DIR/bin/setenv" | tr -d '\\"') $(grep -A1 '^INFINERGI_JAVA_OPTS' "$IMG_DIR/bin/setenv" | tail -1 | tr -d '\\"')"
echo "image_ready_ms=$image_ready_ms"
echo "image_rss_kb=$image_rss_kb"
echo "image_threads=$image_threads"
echo "stock=apache-karaf-minimal-$STOCK_VERSION"
echo "stock_ready_ms=$stock_ready_ms"
echo "stock_rss_kb=$stock_rss_kb"
echo "stock_threads=$stock_threads"
echo "idle_s=$IDLE_S"
awk -v a="$image_ready_ms" -v b="$stock_ready_ms" 'BEGIN { printf "ready_ratio=%.2f\n", a / b }'
awk -v a="$image_rss_kb" -v b="$stock_rss_kb" 'BEGIN { printf "rss_ratio=%.2f\n", a / b }'
awk -v a="$image_rss_kb" 'BEGIN { printf "image_rss_mb=%.1f\n", a / 1024 }'
awk -v a="$stock_rss_kb" 'BEGIN { printf "stock_rss_mb=%.1f\n", a / 1024 }'
