package org.infinergi.core.charging.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.infinergi.core.charging.hal.BoardSensors;
import org.infinergi.core.charging.hal.CardReader;
import org.infinergi.core.charging.hal.ConnectorLock;
import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.hal.PanelBoard;
import org.infinergi.core.charging.hal.PilotHardware;
import org.infinergi.core.charging.hal.PilotReading;
import org.infinergi.core.charging.hal.ProximityPilot;
import org.infinergi.core.charging.hal.ResidualCurrentDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Freezes what the hardware says at the start of a cycle. Never throws: a read that fails takes its safe value and
 * is named in {@link HalSnapshot#hardwareFaults()} (D3), except the pilot line, whose failure is a missing reading.
 */
final class HalSampler {

    /**
     * One cycle's readings.
     *
     * @param pilot             the pilot reading, or null when the read threw
     * @param contactorFeedback the relay feedback; true ("closed") when unreadable, so an open command disagrees
     * @param internalMeter     the internal meter's latest reading, or null: what the protections judge
     * @param vehicleMeter      the latest reading of the meter the statistics use, or null
     * @param hal               the optional services' readings
     */
    record Sample(PilotReading pilot, boolean contactorFeedback, MeterReading internalMeter, MeterReading vehicleMeter,
            HalSnapshot hal) {
    }

    private final Logger log = LoggerFactory.getLogger(HalSampler.class);
    private final PilotHardware pilot;
    /** Only the control loop samples; a pilot line that stays unreadable is logged once per episode. */
    private boolean pilotUnreadable;

    HalSampler(PilotHardware pilot) {
        this.pilot = pilot;
    }

    Sample sample(HalServices s) {
        List<String> faults = new ArrayList<>();
        PilotReading reading = readPilot(faults);
        boolean feedback;
        try {
            feedback = pilot.contactorFeedback();
        } catch (RuntimeException e) {
            // Unknown feedback: taken as "closed", so an open command is seen to disagree (D4) and D3 is raised.
            feedback = true;
            faults.add("contactor feedback unreadable: " + e);
        }
        MeterReading internal = latest(s.internalMeter(), "Internal");
        MeterReading vehicle = s.vehicleMeter() == s.internalMeter() ? internal : latest(s.vehicleMeter(), "Vehicle");
        return new Sample(reading, feedback, internal, vehicle, snapshot(s, faults));
    }

    private PilotReading readPilot(List<String> faults) {
        try {
            PilotReading r = pilot.readPilot();
            if (pilotUnreadable) {
                pilotUnreadable = false;
                log.info("Pilot line readable again");
            }
            return r;
        } catch (RuntimeException e) {
            if (!pilotUnreadable) {
                pilotUnreadable = true;
                log.warn("Pilot line unreadable: {}", e.toString());
            }
            // The pilot driver says why it reads nothing (e.g. "board I/O not available: …"): the D3 detail quotes it.
            if (e.getMessage() != null && !e.getMessage().isBlank()) {
                faults.add(e.getMessage());
            }
            return null;
        }
    }

    private MeterReading latest(Meter meter, String role) {
        if (meter == null) {
            return null;
        }
        try {
            return meter.latest().orElse(null);
        } catch (RuntimeException e) {
            log.debug("{} meter failed: {}", role, e.toString());
            return null;
        }
    }

    private HalSnapshot snapshot(HalServices s, List<String> faults) {
        BoardSensors sensors = s.sensors();
        double temperature = Double.NaN;
        boolean earth = true;
        boolean reversed = false;
        if (sensors != null) {
            temperature = read(faults, "board sensors", sensors::temperatureC, Double.NaN);
            earth = read(faults, "board sensors", sensors::earthPresent, true);
            reversed = read(faults, "board sensors", sensors::phaseNeutralReversed, false);
        }
        ProximityPilot pp = s.proximityPilot();
        double ppOhm = pp == null ? Double.NaN : read(faults, "proximity pilot", pp::resistanceOhm, Double.NaN);
        ConnectorLock lock = s.lock();
        boolean lockFeedback = lock != null && read(faults, "connector lock", lock::lockedFeedback, false);
        ResidualCurrentDevice rdc = s.rdc();
        // An unreadable RDC-DD counts as tripped (safe side) besides raising D3.
        boolean tripped = rdc != null && read(faults, "RDC-DD", rdc::tripped, true);
        PanelBoard panel = s.panel();
        boolean responding = panel == null || read(faults, "panel board", panel::responding, false);
        cardReader(s.cardReader(), faults);
        MeterReading grid = latest(s.gridMeter(), "Grid");
        return new HalSnapshot(sensors != null, temperature, earth, reversed, pp != null, ppOhm, lock != null,
                lockFeedback, rdc != null, tripped, panel != null, responding, s.vehicleMeter() != null,
                s.gridMeter() != null, grid, faults, s.midMeterStartupGraceMs());
    }

    /** Manual §2.3.1, §9.1: a model's RFID reader that does not answer is an internal hardware error (D3). */
    private static void cardReader(CardReader reader, List<String> faults) {
        if (reader != null && !read(faults, "RFID reader", reader::responding, true)) {
            faults.add("the RFID reader does not answer (" + read(faults, "RFID reader", reader::description, "?")
                    + ")");
        }
    }

    private static <T> T read(List<String> faults, String what, Supplier<T> reader, T safe) {
        try {
            return reader.get();
        } catch (RuntimeException e) {
            faults.add(what + " unreadable: " + e);
            return safe;
        }
    }
}
