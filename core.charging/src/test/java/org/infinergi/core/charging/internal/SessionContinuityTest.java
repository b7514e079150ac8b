package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.api.SessionRecord;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/**
 * Issue 15: nothing lost, nothing left open across a stop of the core — a power loss ({@code kill -9}), a restart,
 * a console {@code bundle:update} of the core or of the pilot driver during a charge. One {@link MemoryStore}
 * outlives the cores started one after the other, as the database file does.
 */
class SessionContinuityTest {

    private final MemoryStore store = new MemoryStore();

    private Rig core(boolean started) {
        return core(started, store);
    }

    private static Rig core(boolean started, MemoryStore on) {
        Rig r = new Rig(Rig.config(), started, new AvailabilityComponent(java.util.Map.of()), on);
        r.core.limitProviders.add(new WiringLimitProvider(r.installation));
        return r;
    }

    /** A core charging at 7.4 kW from a meter at {@code energyWh}. */
    private Rig charging(double energyWh) {
        Rig r = core(true);
        r.meter.set(7_400, energyWh);
        r.charging();
        return r;
    }

    @Test
    void theSessionInProgressIsKeptEveryPersistPeriod_withTheEnergyMeasuredSoFar() {
        Rig r = charging(1_000);
        assertEquals(1, store.kept.size(), "kept as soon as it starts");
        r.meter.set(7_400, 1_020);
        long sinceKept = Duration.between(store.kept.get(0).savedAt(), r.clock.instant()).toMillis();
        r.cycle(ChargingCore.PERSIST_PERIOD_MS - sinceKept - 1);
        assertEquals(1, store.kept.size(), "not before the period is over");
        r.meter.set(7_400, 1_021);
        r.cycle(1);
        assertEquals(2, store.kept.size());
        assertEquals(21.0, store.running.session().energyWh(), 1e-9);
        assertFalse(store.running.stopped());
    }

    @Test
    void powerLoss_theNextStartStoresTheSessionWithWhatWasMeasured_endReasonPowerLoss() {
        Rig before = charging(1_000);
        before.meter.set(7_400, 1_030);
        before.cycle(ChargingCore.PERSIST_PERIOD_MS);
        RunningSession last = store.running;
        before.meter.set(7_400, 1_035);
        before.cycle(); // measured, never kept: the power goes now (no deactivate)

        Rig after = core(true); // the vehicle is not there when the charger comes back
        assertEquals(1, store.stored.size(), store.stored.toString());
        SessionRecord s = store.stored.get(0);
        assertEquals(RunningSession.END_POWER_LOSS, s.endReason());
        assertEquals(30.0, s.energyWh(), 1e-9, "what was kept, at most one persist period lost");
        assertEquals(last.savedAt(), s.end());
        assertEquals(last.session().start(), s.start(), "the session's own start");
        after.cycles(3);
        assertEquals(1, store.stored.size(), "stored once");
    }

    @Test
    void coreStopped_vehicleStillConnected_theSessionGoesOn_oneSession() {
        Rig before = charging(1_000);
        before.meter.set(7_400, 1_040);
        before.cycle();
        before.core.deactivate(); // bundle:update of the core or the pilot driver
        assertTrue(store.running.stopped());
        assertTrue(store.stored.isEmpty(), "not ended: kept for the next start");

        Rig after = core(false);
        RecordingEventAdmin events = new RecordingEventAdmin();
        after.core.eventAdmin = events;
        after.meter.set(7_400, 1_040);
        after.pilot.vehicle(PilotState.C);
        after.cycles(12);
        assertEquals(ChargerState.CHARGING, after.cycles(6).state());
        assertTrue(events.of(ChargerEvents.SESSION_STARTED).isEmpty(), "no second session: " + events.topics());
        after.meter.set(7_400, 1_060);
        after.cycle();
        after.vehicle(PilotState.A);

        assertEquals(1, store.stored.size(), store.stored.toString());
        SessionRecord s = store.stored.get(0);
        assertEquals(SessionBookkeeping.END_VEHICLE_DISCONNECTED, s.endReason());
        assertEquals(60.0, s.energyWh(), 1e-9, "both parts of the charge");
        assertTrue(s.end().isAfter(s.start().plus(Duration.ofMillis(500))));
    }

    @Test
    void pilotDriverUpdated_itsInternalMeterStartsFromZero_theEnergyGoesOnFromWhatWasMeasured() {
        Rig before = charging(1_000);
        before.meter.set(7_400, 1_040);
        before.cycle();
        before.core.deactivate();

        Rig after = core(false);
        after.meter.set(7_400, 0); // a new meter component counts from zero
        after.pilot.vehicle(PilotState.C);
        assertEquals(ChargerState.CHARGING, after.cycles(18).state());
        after.meter.set(7_400, 25);
        after.cycle();
        after.vehicle(PilotState.A);

        assertEquals(1, store.stored.size(), store.stored.toString());
        assertEquals(65.0, store.stored.get(0).energyWh(), 1e-9, "40 Wh before the update, 25 Wh after");
    }

    @Test
    void resumedBeforeTheMeterAnswers_theEnergyGoesOnFromItsFirstReading() {
        Rig before = charging(1_000);
        before.meter.set(7_400, 1_040);
        before.cycle();
        before.core.deactivate();

        Rig after = core(false);
        after.core.vehicleMeter = null; // the meter's component comes back after the pilot
        after.pilot.vehicle(PilotState.C);
        after.cycles(6);
        after.core.vehicleMeter = after.meter;
        after.meter.set(7_400, 3);
        after.cycles(12);
        after.meter.set(7_400, 13);
        after.cycle();
        after.vehicle(PilotState.A);

        assertEquals(1, store.stored.size(), store.stored.toString());
        assertEquals(50.0, store.stored.get(0).energyWh(), 1e-9, "40 Wh before the update, 10 Wh after");
    }

    @Test
    void aStoreSlowToAnswerAtTheStart_theInterruptedSessionIsStoredWhenItAnswers() {
        Rig before = charging(1_000);
        before.meter.set(7_400, 1_020);
        before.cycle(ChargingCore.PERSIST_PERIOD_MS);
        java.util.concurrent.CompletableFuture<RunningSession> answer = new java.util.concurrent.CompletableFuture<>();
        MemoryStore slow = new MemoryStore() {
            @Override
            public java.util.concurrent.CompletableFuture<RunningSession> leftRunning() {
                return answer;
            }
        };
        Rig after = new Rig(Rig.config(), true, new AvailabilityComponent(java.util.Map.of()), slow);
        after.cycles(3);
        assertTrue(slow.stored.isEmpty());
        answer.complete(store.running);
        after.cycles(4); // the start's first cycles, now that the store has answered: the pilot line settles
        assertEquals(1, slow.stored.size(), slow.stored.toString());
        assertEquals(RunningSession.END_POWER_LOSS, slow.stored.get(0).endReason());
        assertEquals(20.0, slow.stored.get(0).energyWh(), 1e-9);
    }

    /** A store whose answer to "which session was in progress" comes when the test completes {@code answer}. */
    private static MemoryStore slowToAnswer(java.util.concurrent.CompletableFuture<RunningSession> answer) {
        return new MemoryStore() {
            @Override
            public java.util.concurrent.CompletableFuture<RunningSession> leftRunning() {
                return answer;
            }
        };
    }

    @Test
    void aStoreSlowToAnswerAtTheStart_theVehicleStillConnectedWaits_thenTheSessionGoesOn_oneSession() {
        Rig before = charging(1_000);
        before.meter.set(7_400, 1_030);
        before.cycle(ChargingCore.PERSIST_PERIOD_MS); // kept with 30 Wh; then the power goes
        java.util.concurrent.CompletableFuture<RunningSession> answer = new java.util.concurrent.CompletableFuture<>();
        MemoryStore slow = slowToAnswer(answer);
        Rig after = core(false, slow);
        RecordingEventAdmin events = new RecordingEventAdmin();
        after.core.eventAdmin = events;
        after.meter.set(7_400, 0);
        after.pilot.vehicle(PilotState.C);
        // Until the store says what the previous start left, nothing may start: a new session here would split the
        // charge in two (the interrupted one stored as ended when the answer comes, the vehicle still charging).
        for (int i = 0; i < 60; i++) {
            assertFalse(after.cycle().contactorClosed(), "closed before the store answered");
        }
        assertEquals(ChargerState.INITIALISING, after.core.status().state());
        assertTrue(events.of(ChargerEvents.SESSION_STARTED).isEmpty(), "started before the store answered");
        answer.complete(store.running);
        assertEquals(ChargerState.CHARGING, after.cycles(18).state());
        after.meter.set(7_400, 10);
        after.cycle();
        after.vehicle(PilotState.A);

        assertTrue(events.of(ChargerEvents.SESSION_STARTED).isEmpty(), "no second session: " + events.topics());
        assertEquals(1, slow.stored.size(), slow.stored.toString());
        assertEquals(SessionBookkeeping.END_VEHICLE_DISCONNECTED, slow.stored.get(0).endReason());
        assertEquals(40.0, slow.stored.get(0).energyWh(), 1e-9, "30 Wh kept before the loss, 10 Wh after");
    }

    @Test
    void aStoreThatNeverAnswers_holdsTheChargerOnlyForABoundedTime_nobodyIsLockedOut() {
        MemoryStore silent = slowToAnswer(new java.util.concurrent.CompletableFuture<>());
        Rig r = core(true, silent);
        r.pilot.vehicle(PilotState.C);
        assertFalse(r.cycles(20).contactorClosed());
        assertEquals(ChargerState.INITIALISING, r.core.status().state());
        r.pilot.vehicle(PilotState.A);
        r.cycle(ChargingCore.STORE_ANSWER_WAIT_MS);
        assertTrue(r.charging().contactorClosed());
    }

    @Test
    void coreStopped_vehicleGoneAtTheNextStart_storedAsEndedByTheChargerStop() {
        Rig before = charging(1_000);
        before.meter.set(7_400, 1_010);
        before.cycle();
        before.core.deactivate();

        core(true);
        assertEquals(1, store.stored.size());
        assertEquals(ChargingCore.END_CHARGER_STOPPED, store.stored.get(0).endReason());
        assertEquals(10.0, store.stored.get(0).energyWh(), 1e-9);
    }

    @Test
    void errorsLeftOpenByThePreviousStartAreClosedAtTheFirstCycle_beforeAnythingIsRaised() {
        Rig r = core(false);
        r.core.boardSensors = null; // D3 once the boot grace is over
        r.cycles(3);
        assertEquals("CLOSED ALL " + ChargingCore.CLOSED_AT_RESTART, store.history.get(0));
        r.cycle(20_000);
        assertEquals(List.of("CLOSED ALL " + ChargingCore.CLOSED_AT_RESTART, "RAISED D3"), store.history);
    }

    @Test
    void theEndOfASessionIsToldOnlyOnceTheStoreHoldsIt() {
        Rig r = charging(1_000);
        RecordingEventAdmin events = new RecordingEventAdmin();
        r.core.eventAdmin = events;
        store.holdWrites();
        r.vehicle(PilotState.A);
        r.cycles(2);
        assertTrue(events.of(ChargerEvents.SESSION_STOPPED).isEmpty(), "not yet durable: " + events.topics());
        store.releaseWrites();
        Event stopped = events.of(ChargerEvents.SESSION_STOPPED).get(0);
        assertNotNull(stopped);
        assertEquals(SessionBookkeeping.END_VEHICLE_DISCONNECTED, stopped.getProperty(ChargerEvents.END_REASON));
    }
}
