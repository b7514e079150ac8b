package org.infinergi.core.charging.internal;

import java.time.Instant;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.hal.MeterReading;
import org.infinergi.core.charging.hal.PilotReading;

/**
 * What one control cycle knows before it decides anything, derived once from its {@link ControlInput}.
 *
 * @param in          the frozen snapshot
 * @param startedAt   the first cycle's time (start of the hardware start-up grace)
 * @param bootOver    the start-up grace is over: a hardware service the model needs and misses is now an error
 * @param meter       the internal meter's reading if fresh, for the protections; an old one (a meter gone silent)
 *                    judges nothing
 * @param vehicle     the vehicle meter's reading if fresh, for the statistics (session energy, power shown)
 * @param readable    the pilot could be read and gave numbers
 * @param trustedFrom pilot readings before this time do not show the vehicle (the line settles after state F)
 * @param trusted     this cycle's reading is past that settling time
 * @param gate        why the installation does not allow charging (manual §4.10, §7.1.1), or null
 */
record Cycle(ControlInput in, Instant startedAt, boolean bootOver, MeterReading meter, MeterReading vehicle,
        boolean readable,
        Instant trustedFrom, boolean trusted, String gate) {

    static Cycle of(ControlInput in) {
        CoreState prev = in.previous();
        CoreSettings core = in.settings().core();
        Instant now = in.now();
        Instant startedAt = prev.startedAt() == null ? now : prev.startedAt();
        boolean bootOver = Debounce.ms(startedAt, now) >= core.bootGraceMs();
        PilotReading reading = in.pilot();
        boolean readable = reading != null && !Double.isNaN(reading.positiveV())
                && !Double.isNaN(reading.negativeV());
        // The pilot line needs a few cycles to show the vehicle after state F (the driver starts in F, the core
        // drives F after a fault): until then readings say nothing about the vehicle.
        Instant trustedFrom = prev.startedAt() == null ? now.plusMillis(settleMs(core)) : prev.pilotTrustedFrom();
        boolean trusted = trustedFrom == null || !now.isBefore(trustedFrom);
        InstallationSettings installation = in.settings().installation();
        String gate = !installation.installationComplete() ? ControlLogic.DETAIL_NOT_COMPLETE
                : !installation.chargingEnabled() ? ControlLogic.DETAIL_DISABLED : null;
        return new Cycle(in, startedAt, bootOver, fresh(in.internalMeter(), now, core),
                fresh(in.vehicleMeter(), now, core), readable, trustedFrom, trusted, gate);
    }

    /** Only a fresh reading says what flows now; an old one (a meter gone silent) says nothing. */
    private static MeterReading fresh(MeterReading reported, Instant now, CoreSettings core) {
        return reported != null && reported.at() != null && Debounce.ms(reported.at(), now) > core.meterFreshMs()
                ? null : reported;
    }

    /** Before the first usable reading, within the start-up grace, the charger is still starting. */
    boolean stillStarting() {
        return (!readable || !trusted) && prev().state() == ChargerState.INITIALISING && !bootOver;
    }

    static long settleMs(CoreSettings core) {
        return 3 * core.loopPeriodMs();
    }

    Instant now() {
        return in.now();
    }

    CoreState prev() {
        return in.previous();
    }

    CoreSettings core() {
        return in.settings().core();
    }

    DeviceSettings device() {
        return in.settings().device();
    }

    HalSnapshot hal() {
        return in.hal();
    }

    PilotReading reading() {
        return in.pilot();
    }

    /** Untethered models (socket, case B) have a proximity pilot and a connector lock. */
    boolean untethered() {
        return !device().tethered();
    }

    /** Active power shown, from the vehicle meter: 0 without a fresh reading. */
    double powerW() {
        return vehicle == null ? 0 : vehicle.powerW();
    }
}
