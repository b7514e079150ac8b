package org.infinergi.driver.modbusmeters.bus.internal;

import java.util.Locale;

/**
 * Where a meter is reached. Meters with equal endpoints share one line, one connection and one thread (an RS485
 * bus carries one request at a time; so does a gateway in front of one).
 *
 * @param kind       TCP (Modbus TCP), RTU_OVER_TCP (RTU frames through a TCP serial server), SERIAL (RTU on a
 *                   serial device, the board's RS485 transceiver)
 * @param host       TCP host (TCP kinds)
 * @param tcpPort    TCP port (TCP kinds)
 * @param serialPort device, e.g. {@code /dev/ttyAMA0} (SERIAL)
 * @param baud       bits per second (SERIAL)
 * @param parity     NONE, EVEN or ODD (SERIAL)
 * @param stopBits   1 or 2 (SERIAL)
 */
public record Endpoint(Kind kind, String host, int tcpPort, String serialPort, int baud, String parity, int stopBits) {

    public enum Kind {
        TCP,
        RTU_OVER_TCP,
        SERIAL
    }

    static Endpoint tcp(Kind kind, String host, int tcpPort) {
        return new Endpoint(kind, host, tcpPort, null, 0, null, 0);
    }

    static Endpoint serial(String port, int baud, String parity, int stopBits) {
        return new Endpoint(Kind.SERIAL, null, 0, port, baud, parity, stopBits);
    }

    /** Short form for logs and thread names. */
    @Override
    public String toString() {
        return kind == Kind.SERIAL
                ? String.format(Locale.ROOT, "%s %d 8%s%d", serialPort, baud, parity.charAt(0), stopBits)
                : (kind == Kind.TCP ? "tcp://" : "rtu+tcp://") + host + ":" + tcpPort;
    }
}
