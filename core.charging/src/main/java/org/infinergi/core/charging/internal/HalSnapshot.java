package org.infinergi.core.charging.internal;

import java.util.List;

import org.infinergi.core.charging.hal.MeterReading;

/**
 * What the optional hardware services said in one cycle. A {@code false} presence flag means the service is not
 * registered (its values are then meaningless); {@code hardwareFaults} names the reads that threw (D3).
 *
 * @param boardSensors        whether a {@code BoardSensors} service is bound
 * @param temperatureC        enclosure temperature, NaN when unreadable
 * @param earthPresent        earth monitor
 * @param phaseNeutralReversed mains monitor
 * @param proximityPilot      whether a {@code ProximityPilot} service is bound
 * @param ppOhm               the cable's coding resistor, NaN when unreadable
 * @param lock                whether a {@code ConnectorLock} service is bound
 * @param lockFeedback        lock position switch
 * @param rdc                 whether a {@code ResidualCurrentDevice} service is bound
 * @param rdcTripped          RDC-DD trip output
 * @param panel               whether a {@code PanelBoard} service is bound
 * @param panelResponding     panel answered its last poll
 * @param vehicleMeterPresent whether a vehicle {@code Meter} service is bound
 * @param gridMeterPresent    whether a grid {@code Meter} service is bound
 * @param gridMeter           its latest reading or null
 * @param hardwareFaults      "service: exception" for every read that failed this cycle
 * @param midMeterStartupGraceMs how long after power-up the MID meter may not answer yet (manual §9.1 note 5)
 */
record HalSnapshot(boolean boardSensors, double temperatureC, boolean earthPresent, boolean phaseNeutralReversed,
        boolean proximityPilot, double ppOhm, boolean lock, boolean lockFeedback, boolean rdc, boolean rdcTripped,
        boolean panel, boolean panelResponding, boolean vehicleMeterPresent, boolean gridMeterPresent,
        MeterReading gridMeter, List<String> hardwareFaults, long midMeterStartupGraceMs) {

    HalSnapshot {
        hardwareFaults = List.copyOf(hardwareFaults);
    }

    HalSnapshot(boolean boardSensors, double temperatureC, boolean earthPresent, boolean phaseNeutralReversed,
            boolean proximityPilot, double ppOhm, boolean lock, boolean lockFeedback, boolean rdc, boolean rdcTripped,
            boolean panel, boolean panelResponding, boolean vehicleMeterPresent, boolean gridMeterPresent,
            MeterReading gridMeter, List<String> hardwareFaults) {
        this(boardSensors, temperatureC, earthPresent, phaseNeutralReversed, proximityPilot, ppOhm, lock, lockFeedback,
                rdc, rdcTripped, panel, panelResponding, vehicleMeterPresent, gridMeterPresent, gridMeter,
                hardwareFaults, 0);
    }

    /** No optional service at all. */
    static final HalSnapshot NONE = new HalSnapshot(false, Double.NaN, false, false, false, Double.NaN, false, false,
            false, false, false, false, false, false, null, List.of());
}
