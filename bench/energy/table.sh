#!/usr/bin/env bash
# Prints the Markdown table of the summaries bench/energy/matrix.sh wrote (OUT_DIR, default /tmp/energy-matrix).
set -euo pipefail
out="${OUT_DIR:-/tmp/energy-matrix}"
echo "| trace, mode | car | car kWh | chargeable surplus kWh | taken | grid kWh | closings | s over limit | worst reaction s |"
echo "|---|---|---|---|---|---|---|---|---|"
for f in "$out"/*.txt; do
  n="$(basename "$f" .txt)"
  car="${n##*-}"; rest="${n%-*}"
  awk -v name="$rest" -v car="$car" '
    /^energy into the car/ {kwh=$5}
    /^chargeable surplus/ {ch=$3; pct=$(NF-1)}
    /^grid energy/ {grid=$6}
    /^contactor closings/ {cl=$3}
    /^seconds over the limit/ {over=$5}
    /^worst load-step/ {react=$4}
    END {printf "| %s | %s | %s | %s | %s %% | %s | %s | %s | %s |\n", name, car, kwh, ch, pct, grid, cl, over, react}' "$f"
done
