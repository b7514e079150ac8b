#!/usr/bin/env bash
# Starts the simulated infinergi charger of one model in the foreground (README, first command).
#
#   ./run.sh [--model M] [--port N] [--etc DIR]
#
# Builds what is missing (mvn install, tests skipped) when the model's sim image is absent or older than the
# sources, unpacks it into run/<model>/ (the session history in run/<model>/data/infinergi is kept from one run
# to the next; everything else is fresh), applies --etc and --port, prints the URL of /api/status and starts
# Karaf: with the console when stdin is a terminal, as `bin/karaf server` otherwise.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")" && pwd)"
MODELS_DIR="$ROOT/karaf-assembly/models"

usage() {
  cat <<EOF
usage: ./run.sh [--model MODEL] [--port N] [--etc DIR]

  --model MODEL  model of manual §2.6 to simulate: $(valid_models | tr '\n' ' ')(default 3T-DR)
  --port N       HTTP port of the web interface and /api (default 8181)
  --etc DIR      copy DIR/*.cfg over the image's etc/ before starting (configuration PIDs,
                 see ARCHITECTURE.md "Configuration contract")
  -h, --help     this text
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

command -v java >/dev/null 2>&1 || { echo "run.sh: java not found: install JDK 17" >&2; exit 1; }
command -v mvn >/dev/null 2>&1 || { echo "run.sh: mvn not found: install Maven" >&2; exit 1; }
JAVA_MAJOR="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
if [ -z "$JAVA_MAJOR" ] || [ "$JAVA_MAJOR" -lt 17 ]; then
  echo "run.sh: needs JDK 17 or newer, found: $(java -version 2>&1 | head -1)" >&2; exit 1
fi
# bin/karaf warns without JAVA_HOME; take it from the java on the PATH.
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  export JAVA_HOME
fi

IMAGE="$ROOT/karaf-assembly/target/infinergi-$MODEL-sim.tar.gz"

# Build when the image is missing or any source of the firmware is newer than it.
needs_build() {
  [ -f "$IMAGE" ] || return 0
  local newer
  newer="$(cd "$ROOT" && find . \( -path ./.git -o -path ./run -o -path ./bench -o -path ./itest -o -name target \) -prune \
      -o -type f \( -name pom.xml -o -path '*/src/*' -o -path './cnf/*' -o -path './karaf-assembly/models/*' \) \
      -newer "$IMAGE" -print -quit)"
  [ -n "$newer" ]
}
if needs_build; then
  echo "run.sh: building the firmware and its images (mvn install, tests skipped) ..."
  (cd "$ROOT" && mvn -B -q -Dstyle.color=never install -DskipTests)
  [ -f "$IMAGE" ] || { echo "run.sh: the build did not produce $IMAGE" >&2; exit 1; }
fi

# Unpack: a fresh image every time, except the session history (durable store) of earlier runs.
RUN_DIR="$ROOT/run/$MODEL"
KEEP=
if [ -d "$RUN_DIR/data/infinergi" ]; then
  KEEP="$(mktemp -d)"
  mv "$RUN_DIR/data/infinergi" "$KEEP/"
fi
rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR"
tar -xzf "$IMAGE" -C "$RUN_DIR" --strip-components=1
if [ -n "$KEEP" ]; then
  mkdir -p "$RUN_DIR/data"
  mv "$KEEP/infinergi" "$RUN_DIR/data/"
  rmdir "$KEEP"
fi

if [ -n "$ETC_DIR" ]; then
  cp "$ETC_DIR"/*.cfg "$RUN_DIR/etc/"
  echo "run.sh: configuration from $ETC_DIR: $(cd "$ETC_DIR" && ls -- *.cfg | tr '\n' ' ')"
fi

# The HTTP port is the framework property the image's org.apache.felix.http.cfg refers to.
sed -i "s/^org\.osgi\.service\.http\.port *=.*/org.osgi.service.http.port = $PORT/" "$RUN_DIR/etc/system.properties"

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "run.sh: port $PORT is already in use on this machine; choose another with --port N" >&2
  exit 1
fi

echo "run.sh: INFINERGI-$MODEL (simulated) in $RUN_DIR"
echo "run.sh: status: http://localhost:$PORT/api/status"

cd "$RUN_DIR"
# exec all the way down: the JVM replaces this script, so signals (Ctrl-C, kill) reach Karaf directly.
export KARAF_EXEC=exec
if [ -t 0 ]; then
  exec bin/karaf
else
  exec bin/karaf server
fi
