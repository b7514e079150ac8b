package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.internal.CoreState.ActiveError;
import org.infinergi.core.charging.testing.FixedLimitProvider;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** docs/events.md, the core's topics: what a listener (panel, web page, OCPP client) sees of a cycle. */
class CoreEventsTest {

    private final Rig r = new Rig();
    private final RecordingEventAdmin events = new RecordingEventAdmin();
    private final FixedLimitProvider wiring = new FixedLimitProvider(32, "wiring");

    CoreEventsTest() {
        r.core.eventAdmin = events;
        r.core.limitProviders.add(wiring);
    }

    @Test
    void plugIn_stateChanged_and_sessionStarted_withTheSessionId() {
        ChargerStatus s = r.vehicle(PilotState.B);
        assertEquals(ChargerStatus.DETAIL_PRE_CHARGE_TEST, s.detail(), "the panel shows the test by this detail");
        assertEquals(List.of(ChargerEvents.STATE_CHANGED, ChargerEvents.SESSION_STARTED, ChargerEvents.STATUS_CHANGED),
                events.topics(), "the transitions, then what a display shows now");
        Event changed = events.posted.get(0);
        assertEquals("VEHICLE_NOT_CONNECTED", changed.getProperty(ChargerEvents.PREVIOUS_STATE));
        assertEquals("WAITING_FOR_CURRENT", changed.getProperty(ChargerEvents.STATE));
        assertEquals(ChargerStatus.DETAIL_PRE_CHARGE_TEST, changed.getProperty(ChargerEvents.DETAIL));
        assertEquals(s.at().toEpochMilli(), changed.getProperty(ChargerEvents.TIMESTAMP));
        Event started = events.posted.get(1);
        assertEquals(s.at().toEpochMilli(), started.getProperty(ChargerEvents.SESSION_ID));
        assertEquals("FAST", started.getProperty(ChargerEvents.MODE));
        assertFalse(started.containsProperty(ChargerEvents.ID_TAG), "nobody authenticated");
        assertFalse(started.containsProperty(ChargerEvents.ENERGY_WH), "nothing delivered yet");
    }

    @Test
    void noChange_noEvent() {
        r.vehicle(PilotState.B);
        events.posted.clear();
        r.cycles(2);
        assertEquals(List.of(ChargerEvents.STATUS_CHANGED), events.topics(),
                "the RDC-DD test ends: same state (no STATE_CHANGED), a new detail only, which a display shows");
        events.posted.clear();
        r.cycles(5);
        assertEquals(List.of(), events.topics(), "nothing changed: no event at all");
    }

    @Test
    void unplug_sessionStopped_withEnergy_endReason_andTheIdTagOfTheSession() {
        Rig auth = new Rig();
        auth.core.eventAdmin = events;
        auth.core.limitProviders.add(new FixedLimitProvider(32, "wiring"));
        auth.meter.set(0, 1_000);
        auth.core.authorization = () -> true;
        assertTrue(auth.core.authorize("04A2B3C4").accepted());
        auth.charging();
        long sessionId = events.of(ChargerEvents.SESSION_STARTED).get(0).getProperty(ChargerEvents.SESSION_ID)
                instanceof Long l ? l : -1;
        assertEquals("04A2B3C4", events.of(ChargerEvents.SESSION_STARTED).get(0).getProperty(ChargerEvents.ID_TAG));
        auth.meter.set(11_000, 1_500);
        double energy = auth.cycle().sessionEnergyWh();
        assertEquals(500, energy, 1e-9);
        events.posted.clear();
        auth.vehicle(PilotState.A);
        Event stopped = events.of(ChargerEvents.SESSION_STOPPED).get(0);
        assertEquals(sessionId, stopped.getProperty(ChargerEvents.SESSION_ID), "the id of its start");
        assertEquals(energy, (Double) stopped.getProperty(ChargerEvents.ENERGY_WH), 1e-9);
        assertEquals(SessionBookkeeping.END_VEHICLE_DISCONNECTED, stopped.getProperty(ChargerEvents.END_REASON));
        assertEquals("04A2B3C4", stopped.getProperty(ChargerEvents.ID_TAG));
        assertEquals("VEHICLE_NOT_CONNECTED", events.of(ChargerEvents.STATE_CHANGED).get(0)
                .getProperty(ChargerEvents.STATE));
    }

    @Test
    void errorRaised_and_cleared_withCodeCategoryAndDetail() {
        r.core.thermalThresholds = () -> new ThermalSettings(60, 80, 70);
        r.charging();
        events.posted.clear();
        r.sensors.temperature(81);
        r.cycle();
        assertEquals(List.of(ChargerEvents.STATE_CHANGED, ChargerEvents.ERROR_RAISED, ChargerEvents.STATUS_CHANGED),
                events.topics());
        assertEquals("ERROR", events.posted.get(0).getProperty(ChargerEvents.STATE));
        assertEquals("D7", events.posted.get(0).getProperty(ChargerEvents.ERROR_CODE));
        Event raised = events.posted.get(1);
        assertEquals("D7", raised.getProperty(ChargerEvents.ERROR_CODE));
        assertEquals(3, raised.getProperty(ChargerEvents.ERROR_CATEGORY));
        assertEquals("Overheating", raised.getProperty(ChargerEvents.ERROR_TITLE));
        assertTrue(((String) raised.getProperty(ChargerEvents.DETAIL)).contains("81"),
                String.valueOf(raised.getProperty(ChargerEvents.DETAIL)));
        events.posted.clear();
        r.sensors.temperature(69);
        r.cycles(4);
        Event cleared = events.of(ChargerEvents.ERROR_CLEARED).get(0);
        assertEquals("D7", cleared.getProperty(ChargerEvents.ERROR_CODE));
        assertEquals("ERROR", events.of(ChargerEvents.STATE_CHANGED).get(0).getProperty(ChargerEvents.PREVIOUS_STATE));
    }

    @Test
    void aFailedCycle_raisesItsErrorAndShowsError() {
        r.charging();
        events.posted.clear();
        r.pilot.failWrites(new IllegalStateException("PWM driver gone"));
        wiring.set(16);
        r.cycle();
        r.cycle();
        assertEquals(ChargerState.ERROR, r.core.status().state());
        assertEquals(1, events.of(ChargerEvents.STATE_CHANGED).size(), events.topics().toString());
        assertEquals("D3", events.of(ChargerEvents.ERROR_RAISED).get(0).getProperty(ChargerEvents.ERROR_CODE));
        assertEquals(1, events.of(ChargerEvents.ERROR_RAISED).size(), "raised once: " + events.topics());
    }

    @Test
    void theCoreStopping_stopsTheSession() {
        r.charging();
        events.posted.clear();
        r.core.deactivate();
        Event stopped = events.of(ChargerEvents.SESSION_STOPPED).get(0);
        assertEquals(ChargingCore.END_CHARGER_STOPPED, stopped.getProperty(ChargerEvents.END_REASON));
    }

    @Test
    void aFailingEventAdmin_neverFailsTheCycle() {
        r.core.eventAdmin = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                throw new IllegalStateException("Event Admin is stopping");
            }

            @Override
            public void sendEvent(Event event) {
                throw new AssertionError("synchronous");
            }
        };
        ChargerStatus s = r.vehicle(PilotState.B);
        assertEquals(ChargerState.WAITING_FOR_CURRENT, s.state());
        assertNull(s.error());
    }

    @Test
    void withoutEventAdmin_theCoreCharges() {
        r.core.eventAdmin = null;
        assertTrue(r.charging().contactorClosed());
    }

    @Test
    void fault_ofAnErrorAlreadyActive_isNoNewEvent() {
        CoreState inError = CoreState.INITIAL.safe(ChargerState.ERROR, 0,
                java.util.Map.of(org.infinergi.core.charging.api.ErrorCode.D3,
                        new ActiveError(Rig.T0, "before")), null, null, 0);
        assertEquals(List.of(), CoreEvents.fault(inError, org.infinergi.core.charging.api.ErrorCode.D3, "again",
                Rig.T0));
    }

    // ---- STATUS_CHANGED: what a display shows (docs/events.md) ----

    private static ChargerStatus display(ChargerState state, PilotState pilot, double offeredA, boolean contactor,
            ChargingMode mode, String error, String detail, double powerW, double energyWh, Instant at) {
        return new ChargerStatus("INFINERGI-3T", state, pilot, offeredA, offeredA > 0 ? 26.7 : 100, contactor, null,
                mode, powerW, energyWh, error, detail, at);
    }

    private static final ChargerStatus CHARGING_16A = display(ChargerState.CHARGING, PilotState.C, 16, true,
            ChargingMode.FAST, null, "", 11_000, 1_000, Rig.T0);

    @Test
    void statusChanged_whenAnythingADisplayShowsChanges() {
        Instant t = Rig.T0.plusSeconds(1);
        Map<String, ChargerStatus> changes = new LinkedHashMap<>();
        changes.put("state", display(ChargerState.PAUSED, PilotState.C, 16, true, ChargingMode.FAST, null, "", 11_000,
                1_000, t));
        changes.put("error", display(ChargerState.CHARGING, PilotState.C, 16, true, ChargingMode.FAST, "D7", "", 11_000,
                1_000, t));
        changes.put("pilot", display(ChargerState.CHARGING, PilotState.B, 16, true, ChargingMode.FAST, null, "", 11_000,
                1_000, t));
        changes.put("mode", display(ChargerState.CHARGING, PilotState.C, 16, true, ChargingMode.GREEN, null, "", 11_000,
                1_000, t));
        changes.put("offered current", display(ChargerState.CHARGING, PilotState.C, 10, true, ChargingMode.FAST, null, "",
                11_000, 1_000, t));
        changes.put("contactor", display(ChargerState.CHARGING, PilotState.C, 16, false, ChargingMode.FAST, null, "",
                11_000, 1_000, t));
        changes.put("detail", display(ChargerState.CHARGING, PilotState.C, 16, true, ChargingMode.FAST, null,
                "limited by dlm", 11_000, 1_000, t));
        changes.forEach((what, after) -> {
            List<Event> out = CoreEvents.statusChanged(CHARGING_16A, after);
            assertEquals(1, out.size(), what);
            assertEquals(ChargerEvents.STATUS_CHANGED, out.get(0).getTopic(), what);
        });
    }

    @Test
    void noStatusChanged_whenOnlyThePowerTheEnergyOrTheTimeMove() {
        ChargerStatus later = display(ChargerState.CHARGING, PilotState.C, 16, true, ChargingMode.FAST, null, "",
                7_400, 1_250, Rig.T0.plusSeconds(5));
        assertEquals(List.of(), CoreEvents.statusChanged(CHARGING_16A, later));
        assertEquals(List.of(), CoreEvents.statusChanged(CHARGING_16A, CHARGING_16A));
        assertEquals(List.of(), CoreEvents.statusChanged(CHARGING_16A, null), "no status: nothing to show");
    }

    @Test
    void statusChanged_carriesTheWholeDisplay() {
        ChargerStatus error = new ChargerStatus("INFINERGI-3T", ChargerState.ERROR, PilotState.B, 0, 0, false, null,
                ChargingMode.GREEN, 0, 1_000, "V1", "V1 Vehicle error: diode", Rig.T0.plusSeconds(2), null, 2,
                List.of("V1"));
        Event e = CoreEvents.statusChanged(CHARGING_16A, error).get(0);
        assertEquals("ERROR", e.getProperty(ChargerEvents.STATE));
        assertEquals("CHARGING", e.getProperty(ChargerEvents.PREVIOUS_STATE));
        assertEquals("V1", e.getProperty(ChargerEvents.ERROR_CODE));
        assertEquals(2, e.getProperty(ChargerEvents.ERROR_CATEGORY));
        assertEquals("V1 Vehicle error: diode", e.getProperty(ChargerEvents.DETAIL));
        assertEquals("B", e.getProperty(ChargerEvents.PILOT_STATE));
        assertEquals(0.0, e.getProperty(ChargerEvents.OFFERED_CURRENT_A));
        assertEquals(Boolean.FALSE, e.getProperty(ChargerEvents.CONTACTOR_CLOSED));
        assertEquals("GREEN", e.getProperty(ChargerEvents.MODE));
        assertEquals(Rig.T0.plusSeconds(2).toEpochMilli(), e.getProperty(ChargerEvents.TIMESTAMP));

        Event first = CoreEvents.statusChanged(null, CHARGING_16A).get(0);
        assertFalse(first.containsProperty(ChargerEvents.PREVIOUS_STATE), "no status before");
        assertFalse(first.containsProperty(ChargerEvents.ERROR_CODE), "no error: absent, never null");
        assertFalse(first.containsProperty(ChargerEvents.ERROR_CATEGORY));
        assertFalse(first.containsProperty(ChargerEvents.DETAIL), "empty detail: absent");
        assertEquals(16.0, first.getProperty(ChargerEvents.OFFERED_CURRENT_A));
        assertEquals(Boolean.TRUE, first.getProperty(ChargerEvents.CONTACTOR_CLOSED));

        ChargerStatus outOfBand = display(ChargerState.ERROR, null, 0, false, ChargingMode.FAST, "D8", "", 0, 0,
                Rig.T0);
        assertFalse(CoreEvents.statusChanged(CHARGING_16A, outOfBand).get(0).containsProperty(ChargerEvents.PILOT_STATE),
                "pilot out of every band: absent");
    }

    @Test
    void whileCharging_theMeterMoving_postsNoStatusChanged_butTheOfferDoes() {
        r.meter.set(0, 1_000);
        r.charging();
        events.posted.clear();
        for (int i = 1; i <= 5; i++) {
            r.meter.set(10_000 + i * 100, 1_000 + i * 10);
            r.cycle();
        }
        assertEquals(List.of(), events.of(ChargerEvents.STATUS_CHANGED), "power and energy are no display change");
        wiring.set(16);
        ChargerStatus lowered = r.cycle();
        assertEquals(16, lowered.offeredCurrentA(), 1e-9);
        r.cycles(2);
        List<Event> changed = events.of(ChargerEvents.STATUS_CHANGED);
        assertEquals(1, changed.size(), "once, at the change: " + events.topics());
        assertEquals(16.0, changed.get(0).getProperty(ChargerEvents.OFFERED_CURRENT_A));
        assertEquals(lowered.at().toEpochMilli(), changed.get(0).getProperty(ChargerEvents.TIMESTAMP),
                "the cycle that lowered the offer");
    }

    @Test
    void aFailedCycle_postsTheSafeSideAsTheStatus() {
        r.charging();
        events.posted.clear();
        r.pilot.failWrites(new IllegalStateException("PWM driver gone"));
        wiring.set(16);
        r.cycle();
        Event e = events.of(ChargerEvents.STATUS_CHANGED).get(0);
        assertEquals("ERROR", e.getProperty(ChargerEvents.STATE));
        assertEquals("CHARGING", e.getProperty(ChargerEvents.PREVIOUS_STATE));
        assertEquals("D3", e.getProperty(ChargerEvents.ERROR_CODE));
        assertEquals(Boolean.FALSE, e.getProperty(ChargerEvents.CONTACTOR_CLOSED));
    }
}
