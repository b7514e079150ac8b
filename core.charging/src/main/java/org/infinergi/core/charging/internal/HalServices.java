package org.infinergi.core.charging.internal;

import org.infinergi.core.charging.hal.BoardSensors;
import org.infinergi.core.charging.hal.CardReader;
import org.infinergi.core.charging.hal.ConnectorLock;
import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.PanelBoard;
import org.infinergi.core.charging.hal.ProximityPilot;
import org.infinergi.core.charging.hal.ResidualCurrentDevice;

/**
 * The optional hardware services bound at the start of one cycle, each null when not registered. Copied once per
 * cycle, so the sampler reads and the actuator writes the same services even while one comes or goes.
 *
 * @param internalMeter the box's own meter (manual §5.2.1.1): what the protections judge
 * @param vehicleMeter the vehicle meter the configuration selects for the statistics (internal or MID, manual §5.2.1)
 * @param gridMeter    the grid meter (manual §5.2.2)
 * @param lock         the connector lock service (read on every model, driven only on untethered ones)
 * @param cardReader   the RFID reader's supervision (models with a reader, manual §2.3.1)
 * @param midMeterStartupGraceMs the MID meter's {@link Meter#STARTUP_GRACE_MS}, 0 without one
 */
record HalServices(Meter internalMeter, Meter vehicleMeter, Meter gridMeter, BoardSensors sensors, ProximityPilot proximityPilot,
        ConnectorLock lock, ResidualCurrentDevice rdc, PanelBoard panel, CardReader cardReader,
        long midMeterStartupGraceMs) {

    HalServices(Meter internalMeter, Meter vehicleMeter, Meter gridMeter, BoardSensors sensors,
            ProximityPilot proximityPilot, ConnectorLock lock, ResidualCurrentDevice rdc, PanelBoard panel) {
        this(internalMeter, vehicleMeter, gridMeter, sensors, proximityPilot, lock, rdc, panel, null, 0);
    }

    HalServices(Meter internalMeter, Meter vehicleMeter, Meter gridMeter, BoardSensors sensors,
            ProximityPilot proximityPilot, ConnectorLock lock, ResidualCurrentDevice rdc, PanelBoard panel,
            CardReader cardReader) {
        this(internalMeter, vehicleMeter, gridMeter, sensors, proximityPilot, lock, rdc, panel, cardReader, 0);
    }

    HalServices(Meter internalMeter, Meter vehicleMeter, Meter gridMeter, BoardSensors sensors,
            ProximityPilot proximityPilot, ConnectorLock lock, ResidualCurrentDevice rdc, PanelBoard panel,
            long midMeterStartupGraceMs) {
        this(internalMeter, vehicleMeter, gridMeter, sensors, proximityPilot, lock, rdc, panel, null,
                midMeterStartupGraceMs);
    }

    static final HalServices NONE = new HalServices(null, null, null, null, null, null, null, null, null, 0);
}
