package org.infinergi.driver.modbusmeters.bus;

import java.util.Set;

/**
 * A meter model's factory serial settings (manual §4.7: "do not change the meter's factory settings"): what the bus
 * uses for every key the meter's configuration leaves out.
 *
 * @param slaveId  Modbus unit id, 1..247
 * @param baud     bits per second
 * @param parity   NONE, EVEN or ODD
 * @param stopBits 1 or 2
 */
public record SerialDefaults(int slaveId, int baud, String parity, int stopBits) {

    /** The common factory setting: unit 1, 9600 baud, 8N1. */
    public static final SerialDefaults COMMON = new SerialDefaults(1, 9600, "NONE", 1);

    public SerialDefaults {
        if (slaveId < 1 || slaveId > 247) {
            throw new IllegalArgumentException("slaveId must be 1..247, was " + slaveId);
        }
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be positive, was " + baud);
        }
        if (!Set.of("NONE", "EVEN", "ODD").contains(parity)) {
            throw new IllegalArgumentException("parity must be NONE, EVEN or ODD, was " + parity);
        }
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("stopBits must be 1 or 2, was " + stopBits);
        }
    }

    /** "9600 8E1 id 1" */
    @Override
    public String toString() {
        return baud + " 8" + parity.charAt(0) + stopBits + " id " + slaveId;
    }
}
