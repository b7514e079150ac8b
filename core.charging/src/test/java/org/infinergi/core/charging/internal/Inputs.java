package org.infinergi.core.charging.internal;

import java.time.Instant;
import java.util.List;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.ModeDecision;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.hal.PilotReading;

/** Frozen snapshots for the pure steps of the control logic, without a core or an OSGi framework. */
final class Inputs {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final ChargerSettings SETTINGS = new ChargerSettings(
            new InstallationSettings(true, 32, Earthing.TN_TT, true), ChargingSettings.DEFAULTS,
            DeviceSettings.DEFAULTS, CoreSettings.DEFAULTS);
    /** Board sensors healthy (25 °C, earth present), an RDC-DD not tripped, a vehicle meter bound. */
    static final HalSnapshot HEALTHY = new HalSnapshot(true, 25, true, false, false, Double.NaN, false, false, true,
            false, false, false, true, false, null, List.of());
    /** Pilot state B under steady +12 V / PWM. */
    static final PilotReading B = new PilotReading(9, -12);

    private Inputs() {
    }

    /** Running for a minute, vehicle in C, contactor closed, 16 A offered. */
    static CoreState charging() {
        return CoreState.INITIAL.change()
                .drive(ChargerState.CHARGING, PilotState.C, DutyCycle.forCurrent(16), true, 16, null)
                .times(T0.minusSeconds(60), T0.minusSeconds(60)).build();
    }

    static MeterReading phases(Instant at, double volts, double amps) {
        return new MeterReading(at, new double[] { volts, 230, 230 }, new double[] { amps, amps, amps },
                3 * 230 * amps, 0);
    }

    static ControlInput input(CoreState prev, Instant now, MeterReading internal, MeterReading vehicle) {
        return input(prev, now, new PilotReading(6, -12), true, internal, vehicle);
    }

    static ControlInput input(CoreState prev, Instant now, PilotReading pilot, boolean contactorFeedback,
            MeterReading internal, MeterReading vehicle) {
        return new ControlInput(now, pilot, contactorFeedback, internal, vehicle,
                List.of(Limit.of(16, "dlm")), ModeDecision.charge(), SETTINGS, prev, HEALTHY,
                ThermalSettings.DEFAULTS, MeteringSettings.DEFAULTS, false);
    }

    /** The causes one cycle's detectors see, and the timers they leave. */
    record Seen(java.util.Map<org.infinergi.core.charging.api.ErrorCode, String> causes, Timers timers) {
    }

    static Seen detect(ControlInput in) {
        Cycle c = Cycle.of(in);
        Debounce d = new Debounce(in.previous().pending(), in.now());
        return new Seen(ErrorDetectors.detect(c, PilotView.read(c, d), d), d.timers());
    }
}
