#!/usr/bin/env bash
# Sourced by the bench scripts: moves the simulated Modbus meters of an unpacked sim image in $1 to two free
# loopback ports (PID org.infinergi.sim midMeterPort/ctRemotePort and the meters' tcpPort), so a bench never reads
# or blocks the meters of a charger (or a test) already running on this machine.
bench_sim_ports() {
  local dir="$1" ports mid ct cfg
  ports=$(python3 -c 'import socket
s=[socket.socket() for _ in range(2)]
[x.bind(("127.0.0.1",0)) for x in s]
print(*[x.getsockname()[1] for x in s])')
  mid=${ports% *}; ct=${ports#* }
  for etc in "$dir/etc" "$dir/etc/factory"; do
    [ -d "$etc" ] || continue
    cfg="$etc/org.infinergi.sim.cfg"
    touch "$cfg"
    sed -i '/^midMeterPort *=/d; /^ctRemotePort *=/d' "$cfg"
    printf 'midMeterPort = %s\nctRemotePort = %s\n' "$mid" "$ct" >>"$cfg"
    for m in mid:"$mid" ct:"$ct" grid:"$mid"; do
      cfg="$etc/org.infinergi.meter.modbus-${m%%:*}.cfg"
      [ -f "$cfg" ] && sed -i "s/^tcpPort *=.*/tcpPort = ${m#*:}/" "$cfg"
    done
  done
}

# The user login of manual §6.1.2.1 of the unpacked image in $1, for curl -u: infinergi and the last 6 characters of
# the serial in its etc/org.infinergi.device.cfg (every /api endpoint but /api/sim/* needs a login).
bench_login() {
  local serial
  serial="$(sed -n 's/^serial *= *//p' "$1/etc/org.infinergi.device.cfg" | tr -d '\r' | sed 's/ *$//')"
  echo "infinergi:${serial: -6}"
}
