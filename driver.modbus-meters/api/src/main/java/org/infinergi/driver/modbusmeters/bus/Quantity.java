package org.infinergi.driver.modbusmeters.bus;

/**
 * What a register holds, in the unit of {@code org.infinergi.core.charging.hal.MeterReading} after scaling:
 * volts, amperes, watts, watt-hours.
 */
public enum Quantity {
    /** Line-to-neutral voltage of L1, V. */
    VOLTAGE_L1,
    /** Line-to-neutral voltage of L2, V. */
    VOLTAGE_L2,
    /** Line-to-neutral voltage of L3, V. */
    VOLTAGE_L3,
    /** Current of L1, A. */
    CURRENT_L1,
    /** Current of L2, A. */
    CURRENT_L2,
    /** Current of L3, A. */
    CURRENT_L3,
    /** Total active power, W (negative = export, possible on a grid meter). */
    POWER,
    /** Cumulative imported active energy, Wh: never negative, never decreasing. */
    IMPORT_ENERGY;

    /** The phase (0 = L1) of a voltage or current, -1 for totals. */
    public int phase() {
        return switch (this) {
            case VOLTAGE_L1, CURRENT_L1 -> 0;
            case VOLTAGE_L2, CURRENT_L2 -> 1;
            case VOLTAGE_L3, CURRENT_L3 -> 2;
            default -> -1;
        };
    }
}
