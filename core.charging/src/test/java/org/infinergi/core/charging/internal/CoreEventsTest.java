package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
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
        assertEquals(List.of(ChargerEvents.STATE_CHANGED, ChargerEvents.SESSION_STARTED), events.topics());
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
        assertEquals(List.of(), events.topics(), "the RDC-DD test ends: same state, a new detail only");
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
        assertEquals(List.of(ChargerEvents.STATE_CHANGED, ChargerEvents.ERROR_RAISED), events.topics());
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
}
