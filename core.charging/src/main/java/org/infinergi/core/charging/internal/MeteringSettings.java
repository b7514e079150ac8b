package org.infinergi.core.charging.internal;

/**
 * Validated values of PID {@code org.infinergi.metering} (manual §5.2 "Energy meters"): which meters the installer
 * configured, so the core knows which ones must answer (D9 MID meter, D2 CT remote device).
 *
 * @param vehicleMeter "Vehicle meter": the board's INTERNAL meter or a MID meter on RS485
 * @param gridMeter    "Grid meter": NONE, a CT remote device (radio), or a MODBUS meter
 */
record MeteringSettings(VehicleMeter vehicleMeter, GridMeter gridMeter) {

    enum VehicleMeter {
        INTERNAL,
        MID
    }

    enum GridMeter {
        NONE,
        CT,
        MODBUS
    }

    static final MeteringSettings DEFAULTS = ConfigParser.metering(java.util.Map.of(), null, false).value();
}
