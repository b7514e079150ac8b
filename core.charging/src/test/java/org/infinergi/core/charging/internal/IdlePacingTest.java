package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.testing.FakeBoardSensors;
import org.infinergi.core.charging.testing.FakeProximityPilot;
import org.infinergi.core.charging.testing.FixedLimitProvider;
import org.junit.jupiter.api.Test;

/**
 * The idle budget (Pacing): with no vehicle, no error and nothing changing the loop idles at
 * {@link Pacing#IDLE_PERIOD_MS}; a plug-in is seen within that period and brings back the full pace IEC 61851-1 needs
 * while a vehicle is connected. The loop is driven as the scheduler drives it: the clock moves by the delay the core
 * asked for, then one cycle.
 */
class IdlePacingTest {

    private static final long LOOP_MS = 50;

    private final Rig r = new Rig();
    private final RecordingEventAdmin events = new RecordingEventAdmin();

    IdlePacingTest() {
        r.core.eventAdmin = events;
        r.core.limitProviders.add(new FixedLimitProvider(16, "test"));
    }

    /** One cycle when the core asked for it; the status it published. */
    private ChargerStatus next() {
        r.clock.advanceMillis(r.core.nextCycleMs());
        r.core.step();
        return r.core.status();
    }

    private void settle() {
        for (int i = 0; i < 5; i++) {
            next();
        }
    }

    @Test
    void noVehicle_theLoopIdles_andAnIdleCycleWithNothingChangedPostsNothing() {
        settle();
        assertEquals(ChargerState.VEHICLE_NOT_CONNECTED, r.core.status().state());
        assertEquals(Pacing.IDLE_PERIOD_MS, r.core.nextCycleMs());
        events.posted.clear();
        ChargerStatus before = r.core.status();
        ChargerStatus after = next();
        assertTrue(events.posted.isEmpty(), "nothing a listener shows changed: " + events.topics());
        assertEquals(Duration.ofMillis(Pacing.IDLE_PERIOD_MS), Duration.between(before.at(), after.at()),
                "the status is still taken at every (idle) cycle");
    }

    @Test
    void aPlugInWhileIdle_isSeenWithinTheIdlePeriod() {
        settle();
        // Worst case: the vehicle arrives just after an idle cycle.
        r.pilot.vehicle(PilotState.B);
        long waited = 0;
        ChargerStatus s = r.core.status();
        while (s.state() == ChargerState.VEHICLE_NOT_CONNECTED && waited < 10_000) {
            waited += r.core.nextCycleMs();
            s = next();
        }
        assertEquals(PilotState.B, s.pilot());
        assertNotEquals(ChargerState.VEHICLE_NOT_CONNECTED, s.state());
        assertTrue(waited <= Pacing.IDLE_PERIOD_MS, "plug-in seen after " + waited + " ms");
        assertEquals(LOOP_MS, r.core.nextCycleMs(), "a vehicle is connected: full pace");
    }

    @Test
    void whileAVehicleIsConnected_theLoopKeepsTheFullPace() {
        settle();
        r.pilot.vehicle(PilotState.B);
        for (int i = 0; i < 10; i++) {
            next();
            assertEquals(LOOP_MS, r.core.nextCycleMs(), "B, cycle " + i);
        }
        r.pilot.vehicle(PilotState.C);
        for (int i = 0; i < 10; i++) {
            next();
            assertEquals(LOOP_MS, r.core.nextCycleMs(), "C, cycle " + i);
        }
        assertTrue(r.pilot.contactorCommanded(), r.core.status().toString());
        // C→B: the contactor opens at the next cycle, as at full pace (IEC 61851-1: within 100 ms).
        r.pilot.vehicle(PilotState.B);
        next();
        assertFalse(r.pilot.contactorCommanded());
    }

    @Test
    void afterAnUnplug_theLoopIdlesOnlyOnceNothingChanges() {
        settle();
        r.pilot.vehicle(PilotState.B);
        settle();
        r.pilot.vehicle(PilotState.A);
        ChargerStatus s = next();
        assertEquals(ChargerState.VEHICLE_NOT_CONNECTED, s.state());
        assertEquals(LOOP_MS, r.core.nextCycleMs(), "the cycle that saw the unplug changed the status");
        next();
        assertEquals(Pacing.IDLE_PERIOD_MS, r.core.nextCycleMs());
    }

    @Test
    void aReadingOutsideStateA_bringsBackTheFullPaceAtOnce() {
        settle();
        // Between bands: not yet a pilot fault (V4 needs it to last), judged at full pace.
        r.pilot.setPositiveVolts(10.5);
        ChargerStatus s = next();
        assertEquals(null, s.pilot());
        assertEquals(null, s.error());
        assertEquals(LOOP_MS, r.core.nextCycleMs());
    }

    @Test
    void anErrorWithoutAVehicle_keepsTheFullPace() {
        settle();
        r.sensors.earth(false);
        for (int i = 0; i < 40 && r.core.status().error() == null; i++) {
            next();
        }
        assertEquals("I1", r.core.status().error());
        next();
        assertEquals(LOOP_MS, r.core.nextCycleMs());
    }

    @Test
    void aUsersRequestWhileIdle_isAppliedByACycleRightAway() {
        settle();
        assertEquals(Pacing.IDLE_PERIOD_MS, r.core.nextCycleMs());
        r.core.setOutOfService(true);
        assertEquals(0, r.core.nextCycleMs(), "no idle wait for the request");
        assertEquals(ChargerState.OUT_OF_SERVICE, next().state());
    }

    @Test
    void aLongerConfiguredPeriod_isNeverShortenedByIdling() {
        Rig slow = new Rig(Rig.config("loopPeriodMs", 500));
        for (int i = 0; i < 5; i++) {
            slow.cycle(slow.core.nextCycleMs());
        }
        assertEquals(500, slow.core.nextCycleMs());
    }

    // The limits are asked at every cycle: a reading that did not move gives the same limit, one that moved a new one.

    @Test
    void theCableLimitFollowsTheProximityPilot() {
        CableLimitProvider p = new CableLimitProvider(new DeviceComponent(Map.of("tethered", false)));
        FakeProximityPilot pp = new FakeProximityPilot().resistance(680);
        p.setProximityPilot(pp);
        assertEquals(20.0, p.currentLimit().amps());
        assertEquals(20.0, p.currentLimit().amps());
        pp.resistance(220);
        Limit l = p.currentLimit();
        assertEquals(32.0, l.amps());
        assertTrue(l.detail().contains("220 Ω"), l.detail());
        pp.resistance(50);
        assertEquals(0.0, p.currentLimit().amps(), "no valid cable");
    }

    @Test
    void theThermalLimitFollowsTheTemperatureAndTheThresholds() {
        ThermalLimitProvider p = new ThermalLimitProvider(Map.of("warningC", 50, "criticalC", 70, "recoveryC", 45));
        FakeBoardSensors sensors = new FakeBoardSensors().temperature(60);
        p.setBoardSensors(sensors);
        assertEquals(19.0, p.currentLimit().amps(), 1e-9);
        assertEquals(19.0, p.currentLimit().amps(), 1e-9);
        sensors.temperature(40);
        assertEquals(80.0, p.currentLimit().amps(), 1e-9);
        sensors.temperature(60);
        p.modified(Map.of("warningC", 60, "criticalC", 80, "recoveryC", 55));
        assertEquals(80.0, p.currentLimit().amps(), 1e-9, "60 °C is now at the warning threshold");
    }
}
