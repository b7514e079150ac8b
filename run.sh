#!/usr/bin/env bash
# Starts the simulated infinergi charger of one model in the foreground (README, first command).
#
#   ./run.sh [--model M] [--port N] [--etc DIR] [--factory]
#
# Builds what is missing (mvn install, tests skipped) when the model's sim image is absent or older than the
# sources, and runs the model's instance in run/<model>/. The instance keeps the firmware's state from one run to
# the next, as a charger keeps it across power cycles: Config Admin's store (out of service, settings written at
# run time), etc/ and the session and error history. A rebuilt image replaces the firmware and its etc/ defaults
# and keeps Config Admin's store and the history; --factory starts from the image's factory state.
# Then applies --etc and --port, picks the loopback ports of the simulated Modbus meters, prints the URL of
# /api/status and starts Karaf: with the console when stdin is a terminal, as `bin/karaf server` otherwise.
#
# One instance per model and per HTTP port: a second ./run.sh of a running model or port refuses at once, before
# it builds, unpacks or writes anything. The restart of manual §6.2 (multifunction button or left+right held 30 s)
# ends the JVM with Karaf's restart code 10; this script then starts a fresh JVM, as bin/karaf's own loop does.
#
# Environment (tests): INFINERGI_RUN_ROOT  where the instances live (default run/ beside this script);
#                      INFINERGI_NO_BUILD=1  never build: use the image as it is (an error when it is missing);
#                      INFINERGI_IMAGES     where the images are (default karaf-assembly/target; implies no build).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")" && pwd)"
MODELS_DIR="$ROOT/karaf-assembly/models"

usage() {
  cat <<EOF
usage: ./run.sh [--model MODEL] [--port N] [--etc DIR] [--factory]

  --model MODEL  model of manual §2.6 to simulate: $(valid_models | tr '\n' ' ')(default 3T-DR)
  --port N       HTTP port of the web interface and /api (default 8181)
  --etc DIR      copy DIR/*.cfg over the instance's etc/ before starting (configuration PIDs,
                 see ARCHITECTURE.md "Configuration contract"); they stay there for later runs
  --factory      start from the image's factory state: forget the configuration, the out-of-service
                 state and the history that earlier runs of this model kept in run/MODEL
  -h, --help     this text

The simulated Modbus meters listen on loopback: the first instance on 15020 (MID meter) and 15021 (CT remote
device), a further instance that runs at the same time on the next free pair (15022/15023, ...); printed at start.
EOF
}

# The models are the descriptors in karaf-assembly/models (folders not starting with "_").
valid_models() {
  local d
  for d in "$MODELS_DIR"/*/; do
    d="$(basename "$d")"
    case "$d" in _*) ;; *) echo "$d" ;; esac
  done
}

bad_usage() {
  echo "run.sh: $*" >&2
  echo "run 'run.sh --help' for the options" >&2
  exit 2
}

MODEL=3T-DR
PORT=8181
ETC_DIR=
FACTORY=

while [ $# -gt 0 ]; do
  case "$1" in
    --model|--port|--etc)
      [ $# -ge 2 ] && [ -n "$2" ] || bad_usage "$1 needs a value"
      case "$1" in
        --model) MODEL="$2" ;;
        --port) PORT="$2" ;;
        --etc) ETC_DIR="$2" ;;
      esac
      shift 2 ;;
    --model=*) MODEL="${1#*=}"; shift ;;
    --port=*) PORT="${1#*=}"; shift ;;
    --etc=*) ETC_DIR="${1#*=}"; shift ;;
    --factory) FACTORY=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) bad_usage "unknown argument '$1'" ;;
  esac
done

MODELS="$(valid_models)"
if ! grep -qxF -- "$MODEL" <<<"$MODELS"; then
  bad_usage "unknown model '$MODEL'; valid models: $(tr '\n' ' ' <<<"$MODELS")"
fi
if ! [[ "$PORT" =~ ^[0-9]+$ ]] || [ "$PORT" -lt 1 ] || [ "$PORT" -gt 65535 ]; then
  bad_usage "--port must be a TCP port number 1..65535, got '$PORT'"
fi
if [ -n "$ETC_DIR" ]; then
  [ -d "$ETC_DIR" ] || bad_usage "--etc '$ETC_DIR' is not a directory"
  ETC_DIR="$(cd "$ETC_DIR" && pwd)"
  compgen -G "$ETC_DIR/*.cfg" >/dev/null || bad_usage "--etc '$ETC_DIR' holds no *.cfg file"
fi

RUN_ROOT="${INFINERGI_RUN_ROOT:-$ROOT/run}"
RUN_DIR="$RUN_ROOT/$MODEL"
LOCKS="$RUN_ROOT/.locks"

# ---- one instance per model and per port: refuse before anything is built, unpacked or written ------------
# flock(1) locks held on open descriptors: the JVM inherits them, so they hold as long as the firmware runs,
# even if this script is killed, and the kernel drops them when it ends (no stale lock after a crash).
if command -v flock >/dev/null 2>&1; then
  HAVE_FLOCK=1
else
  HAVE_FLOCK=
  echo "run.sh: flock not found (util-linux): a second instance of the same model is not detected" >&2
fi
mkdir -p "$LOCKS"
try_lock() { # FD: true when this script now holds the lock open on FD
  [ -z "$HAVE_FLOCK" ] || flock -n "$1"
}
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
exec 8>"$LOCKS/model-$MODEL"
if ! try_lock 8; then
  echo "run.sh: INFINERGI-$MODEL is already running from $RUN_DIR (another ./run.sh); stop it first (Ctrl-C" \
    "or 'shutdown' in its console), or start another model" >&2
  exit 1
fi
exec 7>"$LOCKS/port-$PORT"
if ! try_lock 7 || port_in_use "$PORT"; then
  echo "run.sh: port $PORT is already in use on this machine; choose another with --port N" >&2
  exit 1
fi
# The simulated MID meter and CT remote device (PID org.infinergi.sim midMeterPort, ctRemotePort; the meters'
# factory configurations org.infinergi.meter.modbus-mid/-ct tcpPort): a pair per running instance, so that no
# instance reads another one's meters. The first pair is the images' own (15020/15021, docs/meters.md).
MID_PORT=15020
while :; do
  exec 6>"$LOCKS/modbus-$MID_PORT"
  if try_lock 6 && ! port_in_use "$MID_PORT" && ! port_in_use $((MID_PORT + 1)); then
    break
  fi
  exec 6>&-
  MID_PORT=$((MID_PORT + 2))
  if [ "$MID_PORT" -ge 15200 ]; then
    echo "run.sh: no free pair of loopback ports for the simulated meters in 15020..15199" >&2
    exit 1
  fi
done
CT_PORT=$((MID_PORT + 1))

command -v java >/dev/null 2>&1 || { echo "run.sh: java not found: install JDK 17" >&2; exit 1; }
JAVA_MAJOR="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
if [ -z "$JAVA_MAJOR" ] || [ "$JAVA_MAJOR" -lt 17 ]; then
  echo "run.sh: needs JDK 17 or newer, found: $(java -version 2>&1 | head -1)" >&2; exit 1
fi
# bin/karaf warns without JAVA_HOME; take it from the java on the PATH.
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  export JAVA_HOME
fi

if [ -n "${INFINERGI_IMAGES:-}" ]; then INFINERGI_NO_BUILD=1; fi
IMAGE="${INFINERGI_IMAGES:-$ROOT/karaf-assembly/target}/infinergi-$MODEL-sim.tar.gz"

# Build when the image is missing or any source of the firmware is newer than it.
needs_build() {
  [ -z "${INFINERGI_NO_BUILD:-}" ] || return 1
  [ -f "$IMAGE" ] || return 0
  local newer
  newer="$(cd "$ROOT" && find . \( -path ./.git -o -path ./run -o -path ./bench -o -path ./itest -o -name target \) -prune \
      -o -type f \( -name pom.xml -o -path '*/src/*' -o -path './cnf/*' -o -path './karaf-assembly/models/*' \) \
      -newer "$IMAGE" -print -quit)"
  [ -n "$newer" ]
}
if needs_build; then
  command -v mvn >/dev/null 2>&1 || { echo "run.sh: mvn not found: install Maven" >&2; exit 1; }
  echo "run.sh: building the firmware and its images (mvn install, tests skipped) ..."
  (cd "$ROOT" && mvn -B -q -Dstyle.color=never install -DskipTests)
fi
[ -f "$IMAGE" ] || { echo "run.sh: no image $IMAGE (build it: mvn install)" >&2; exit 1; }

# ---- the instance: the image's files, the firmware's state kept ----------------------------------------------
# run/<model>/.image names the image the instance was unpacked from. Same image: everything is kept (Karaf starts
# from its bundle cache, as after a power cycle). Another image (rebuilt) or none: the image is unpacked again;
# of data/ only the firmware's state stays: data/config (Config Admin's store, felix.cm.dir below),
# data/infinergi (the session and error history) and data/log.
IMAGE_ID="$(cksum <"$IMAGE")"
if [ -n "$FACTORY" ] && [ -d "$RUN_DIR" ]; then
  echo "run.sh: --factory: forgetting the state of earlier runs of INFINERGI-$MODEL (configuration, history)"
  rm -rf "$RUN_DIR"
fi
if [ -f "$RUN_DIR/.image" ] && [ "$(cat "$RUN_DIR/.image")" = "$IMAGE_ID" ]; then
  echo "run.sh: the state of the last run is kept (configuration, out of service, history); --factory forgets it"
else
  if [ -d "$RUN_DIR" ]; then
    echo "run.sh: new image: firmware and etc/ defaults replaced; Config Admin's store and the history kept"
    find "$RUN_DIR" -mindepth 1 -maxdepth 1 ! -name data -exec rm -rf {} +
    if [ -d "$RUN_DIR/data" ]; then
      find "$RUN_DIR/data" -mindepth 1 -maxdepth 1 ! -name config ! -name infinergi ! -name log -exec rm -rf {} +
    fi
  fi
  mkdir -p "$RUN_DIR"
  tar -xzf "$IMAGE" -C "$RUN_DIR" --strip-components=1
  # Felix Config Admin keeps its store in its bundle's data area (data/cache/...) unless told otherwise; outside
  # the bundle cache it survives the cache being dropped for a new image.
  cat >>"$RUN_DIR/etc/config.properties" <<'EOF'

# run.sh: Config Admin's store outside the bundle cache, kept when a new image replaces the bundles
felix.cm.dir = ${karaf.data}/config
EOF
  echo "$IMAGE_ID" >"$RUN_DIR/.image"
fi

if [ -n "$ETC_DIR" ]; then
  cp "$ETC_DIR"/*.cfg "$RUN_DIR/etc/"
  # A PID an --etc file sets is that file from the first moment of the boot, as on a fresh instance: Config
  # Admin's stored copy (values of an earlier run) goes, instead of holding until file install reads the file.
  # File install names "pid-name.cfg" pid~name; Felix's store writes '.' as '/' and '~' as %007e.
  for cfg in "$ETC_DIR"/*.cfg; do
    pid="$(basename "$cfg" .cfg)"
    pid="${pid/-/\~}"
    rm -f "$RUN_DIR/data/config/$(sed 's|\.|/|g; s|~|%007e|g' <<<"$pid").config"
  done
  echo "run.sh: configuration from $ETC_DIR: $(cd "$ETC_DIR" && ls -- *.cfg | tr '\n' ' ')"
fi

# KEY = VALUE in a .cfg file: the line replaced, or added.
set_key() {
  local file="$1" key="$2" value="$3"
  # A PID without a file takes its annotation's defaults (the images ship no placeholder): create it.
  [ -f "$file" ] || { [ -d "$(dirname "$file")" ] && : >"$file"; } || return 0
  if grep -q "^$key *=" "$file"; then
    sed -i "s/^$key *=.*/$key = $value/" "$file"
  else
    printf '%s = %s\n' "$key" "$value" >>"$file"
  fi
}
# The sim's meters and the factory configurations that read them on loopback, in etc/ and in etc/factory (the
# panel's factory reset restores those files, manual §6.2).
for dir in "$RUN_DIR/etc" "$RUN_DIR/etc/factory"; do
  set_key "$dir/org.infinergi.sim.cfg" midMeterPort "$MID_PORT"
  set_key "$dir/org.infinergi.sim.cfg" ctRemotePort "$CT_PORT"
  # the simulated grid meter is a second unit on the MID meter's line (org.infinergi.sim gridMeterUnit)
  for meter in mid:"$MID_PORT" ct:"$CT_PORT" grid:"$MID_PORT"; do
    cfg="$dir/org.infinergi.meter.modbus-${meter%%:*}.cfg"
    if [ -f "$cfg" ] && grep -q '^host *= *127\.0\.0\.1 *$' "$cfg"; then
      set_key "$cfg" tcpPort "${meter#*:}"
    fi
  done
done

# The HTTP port is the framework property Felix HTTP reads (etc/system.properties, with its other settings).
sed -i "s/^org\.osgi\.service\.http\.port *=.*/org.osgi.service.http.port = $PORT/" "$RUN_DIR/etc/system.properties"

echo "run.sh: INFINERGI-$MODEL (simulated) in $RUN_DIR"
echo "run.sh: simulated Modbus meters on loopback: MID meter port $MID_PORT, CT remote device port $CT_PORT"
echo "run.sh: status: http://localhost:$PORT/api/status"
# The web logins of manual §6.1.2.1 (every /api endpoint but /api/sim needs one): their default passwords come from
# the serial on the label, here the instance's etc/org.infinergi.device.cfg; a changed password is not shown.
SERIAL="$(sed -n 's/^serial *= *//p' "$RUN_DIR/etc/org.infinergi.device.cfg" 2>/dev/null | tr -d '\r' | sed 's/ *$//' || true)"
if [ -n "$SERIAL" ]; then
  echo "run.sh: web logins (default passwords): user infinergi / ${SERIAL: -6}, admin admin / $SERIAL (curl -u infinergi:${SERIAL: -6})"
fi

cd "$RUN_DIR"
# bin/karaf execs the JVM (KARAF_EXEC=exec), so KARAF_PID is the JVM itself. This script stays its parent and
# does what bin/karaf's own loop does (which exec skips): a fresh JVM when Karaf exits with 10, its restart code
# (manual §6.2 restart). Ctrl-C, kill and hangup of this script reach the JVM through stop_firmware; the JVM itself
# ignores SIGINT (started in the background of a script), and its console reads Ctrl-C as a key, as under bin/karaf.
export KARAF_EXEC=exec
if [ -t 0 ]; then KARAF_MODE=; else KARAF_MODE=server; fi
KARAF_PID=
STOPPING=
stop_firmware() {
  STOPPING=1
  if [ -n "$KARAF_PID" ]; then kill -TERM "$KARAF_PID" 2>/dev/null || true; fi
}
trap stop_firmware INT TERM HUP
while :; do
  # shellcheck disable=SC2086 # KARAF_MODE is empty or one word
  bin/karaf $KARAF_MODE <&0 &
  KARAF_PID=$!
  RC=0
  wait "$KARAF_PID" || RC=$?
  # wait also returns when a trapped signal arrives: wait again until the JVM has ended.
  while kill -0 "$KARAF_PID" 2>/dev/null; do
    RC=0
    wait "$KARAF_PID" || RC=$?
  done
  KARAF_PID=
  if [ -n "$STOPPING" ] || [ "$RC" -ne 10 ]; then
    exit "$RC"
  fi
  echo "run.sh: the firmware restarts (manual §6.2): a fresh JVM, as under bin/karaf"
done
