#!/usr/bin/env bash
# The table of bench/energy/README.md: every trace × car for Green 100 % and the evcc PV reference, and the evening
# on an 11 kW contract in Fast mode with DLM. Writes each run's summary to OUT_DIR (default /tmp/energy-matrix).
# One run after the other, each under nice: the machine has two cores shared with builds.
# MODES (default "GREEN EVCC_PV") picks the modes of the trace × car runs, DLM=0 leaves out the Fast/DLM evening,
# CAR_KNOWN=no replays a car never seen (evcc's unconfigured vehicle, Green without a remembered car; default yes).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${OUT_DIR:-/tmp/energy-matrix}"
modes=(${MODES:-GREEN EVCC_PV})
known="${CAR_KNOWN:-yes}"
mkdir -p "$out"
cars=("3 16" "1 16" "1 32")
for trace in clear broken-clouds overcast evening; do
  for car in "${cars[@]}"; do
    set -- $car
    for mode in "${modes[@]}"; do
      name="$trace-$mode-$1p$2a"
      # The level is Green's setting; evcc's PV mode has none (its summary would name a level it does not use).
      level=(); [[ "$mode" == GREEN ]] && level=(--green-level 100)
      nice "$here/../energy.sh" --trace "$here/traces/$trace.csv.gz" --mode "$mode" "${level[@]}" \
          --car-phases "$1" --car-max-a "$2" --car-known "$known" --out "$out/$name.csv" > "$out/$name.txt" 2>/dev/null
    done
  done
done
[[ "${DLM:-1}" == 0 ]] && exit 0
for car in "${cars[@]}"; do
  set -- $car
  name="evening-FAST-DLM-$1p$2a"
  nice "$here/../energy.sh" --trace "$here/traces/evening.csv.gz" --mode FAST --max-grid-import-w 11000 \
      --car-phases "$1" --car-max-a "$2" --out "$out/$name.csv" > "$out/$name.txt" 2>/dev/null
done
