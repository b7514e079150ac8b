package org.infinergi.core.charging.internal;

/**
 * Validated values of PID {@code org.infinergi.metering} (manual §5.2 "Energy meters"): which meters the installer
 * configured, so the core knows which ones must answer (D9 MID meter, D2 CT remote device) and which grid meter
 * the grid reading comes from.
 *
 * @param vehicleMeter "Vehicle meter": the board's INTERNAL meter or a MID meter on RS485
 * @param gridMeter    "Grid meter": NONE, the wired CTs (CT, manual §4.6), the CT remote device (CT_REMOTE, radio, D2)
 *                     or a MODBUS meter with role GRID
 */
record MeteringSettings(VehicleMeter vehicleMeter, GridMeter gridMeter) {

    enum VehicleMeter {
        INTERNAL,
        MID
    }

    enum GridMeter {
        NONE,
        /** The wired CTs on the board's analog inputs (manual §4.6). */
        CT,
        /** The paired radio CT remote device (D2 when it is silent); before the wired CTs came, this was CT. */
        CT_REMOTE,
        /** A Modbus meter configured with role GRID (manual §4.7 models). */
        MODBUS
    }

    static final MeteringSettings DEFAULTS = ConfigParser.metering(java.util.Map.of(), null, false).value();
}
