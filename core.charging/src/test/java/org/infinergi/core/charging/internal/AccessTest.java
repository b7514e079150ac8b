package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.testing.FakeMeter;
import org.infinergi.core.charging.testing.FixedLimitProvider;
import org.junit.jupiter.api.Test;

/**
 * Who may charge and when: user authentication (manual §5.7), the firmware update state (§5.9), out of service kept
 * across a restart, the MID vehicle meter (§5.2.1.2) and D8 (a pilot oscillator that signals an offer the charger
 * does not make).
 */
class AccessTest {

    private static Rig rig(Object... extra) {
        return ErrorModelTest.rig(extra);
    }

    // ---- Authentication (manual §5.7): WAITING_FOR_AUTHENTICATION ----

    @Test
    void authenticationRequired_vehicleWaits_noOffer_untilAuthorized() {
        Rig r = rig();
        r.core.authorization = () -> true;
        ChargerStatus s = r.vehicle(PilotState.B);
        assertEquals(ChargerState.WAITING_FOR_AUTHENTICATION, s.state(), s.toString());
        assertEquals(ControlLogic.DETAIL_AUTHENTICATION, s.detail());
        s = r.vehicle(PilotState.C);
        assertEquals(ChargerState.WAITING_FOR_AUTHENTICATION, r.cycles(10).state());
        assertEquals(100.0, r.pilot.dutyCycle(), "no PWM offer before authentication");
        assertFalse(r.pilot.contactorCommanded());

        ChargerControl.Result res = r.core.authorize("04A2B3C4");
        assertTrue(res.accepted(), res.message());
        assertFalse(r.core.authorize("04FFFFFF").accepted(), "one authentication per session");
        s = r.cycles(8);
        assertEquals(ChargerState.CHARGING, s.state(), s.toString());
        assertTrue(r.pilot.contactorCommanded());
    }

    @Test
    void authentication_endsAtUnplug_nextVehicleWaitsAgain() {
        Rig r = rig();
        r.core.authorization = () -> true;
        r.vehicle(PilotState.B);
        r.core.authorize("04A2B3C4");
        r.cycles(3);
        r.vehicle(PilotState.C);
        assertEquals(ChargerState.CHARGING, r.cycles(6).state());
        r.vehicle(PilotState.A);
        assertEquals(ChargerState.WAITING_FOR_AUTHENTICATION, r.vehicle(PilotState.B).state());
    }

    @Test
    void historyShowsWhoCharged_theIdTagIsStoredWithTheSession() {
        Rig r = rig();
        r.core.authorization = () -> true;
        r.vehicle(PilotState.B);
        r.core.authorize("04A2B3C4");
        r.cycles(3);
        r.vehicle(PilotState.C);
        assertEquals(ChargerState.CHARGING, r.cycles(6).state());
        r.vehicle(PilotState.A);
        assertEquals(1, r.stored.size());
        assertEquals("04A2B3C4", r.stored.get(0).idTag(), r.stored.get(0).toString());

        r.core.authorization = () -> false;
        r.vehicle(PilotState.C);
        assertEquals(ChargerState.CHARGING, r.cycles(6).state());
        r.vehicle(PilotState.A);
        assertEquals(2, r.stored.size());
        assertNull(r.stored.get(1).idTag(), "nobody authenticated for the second session");
    }

    @Test
    void authorizedBeforePlugIn_theIdTagIsStoredWithTheSession() {
        Rig r = rig();
        r.core.authorization = () -> true;
        r.core.authorize("04A2B3C4");
        r.cycle();
        r.vehicle(PilotState.C);
        assertEquals(ChargerState.CHARGING, r.cycles(6).state());
        r.vehicle(PilotState.A);
        assertEquals("04A2B3C4", r.stored.get(0).idTag());
    }

    @Test
    void chargerStopped_theRunningSessionIsStoredWithItsIdTag() {
        Rig r = rig();
        r.core.authorization = () -> true;
        r.vehicle(PilotState.B);
        r.core.authorize("04A2B3C4");
        r.cycles(3);
        r.vehicle(PilotState.C);
        assertEquals(ChargerState.CHARGING, r.cycles(6).state());
        r.core.deactivate();
        assertEquals(ChargingCore.END_CHARGER_STOPPED, r.stored.get(0).endReason());
        assertEquals("04A2B3C4", r.stored.get(0).idTag());
    }

    @Test
    void authenticationBeforePlugIn_holdsForTheValidityThenLapses() {
        Rig r = rig("authValidityMs", 60_000);
        r.core.authorization = () -> true;
        ChargerControl.Result res = r.core.authorize("04A2B3C4");
        assertTrue(res.accepted(), res.message());
        assertTrue(res.message().contains("connect the vehicle"), res.message());
        r.cycle(30_000);
        assertEquals(ChargerState.WAITING_FOR_CURRENT, r.vehicle(PilotState.B).state(), "within the validity");
        r.vehicle(PilotState.A);

        Rig late = rig("authValidityMs", 60_000);
        late.core.authorization = () -> true;
        late.core.authorize("04A2B3C4");
        late.cycle(60_000);
        assertEquals(ChargerState.WAITING_FOR_AUTHENTICATION, late.vehicle(PilotState.B).state(), "lapsed");
    }

    @Test
    void withoutAuthenticationFeatureOrModeFree_chargesAtOnce() {
        Rig r = rig();
        assertEquals(ChargerState.CHARGING, r.charging().state());
        Rig free = rig();
        free.core.authorization = () -> false;
        assertEquals(ChargerState.CHARGING, free.charging().state());
    }

    @Test
    void failingAuthenticationService_asksForAuthentication() {
        Rig r = rig();
        r.core.authorization = () -> {
            throw new IllegalStateException("card list unreadable");
        };
        assertEquals(ChargerState.WAITING_FOR_AUTHENTICATION, r.vehicle(PilotState.B).state());
    }

    @Test
    void authorize_refusedOutOfServiceOrWithoutIdTag() {
        Rig r = rig();
        r.core.authorization = () -> true;
        assertFalse(r.core.authorize(" ").accepted());
        r.core.setOutOfService(true);
        r.cycle();
        ChargerControl.Result res = r.core.authorize("04A2B3C4");
        assertFalse(res.accepted());
        assertTrue(res.message().contains("out of service"), res.message());
    }

    @Test
    void sessionThatAlreadyCharged_continuesWhenAuthenticationIsSwitchedOn() {
        Rig r = rig();
        AtomicBoolean required = new AtomicBoolean(false);
        r.core.authorization = required::get;
        r.charging();
        required.set(true);
        assertEquals(ChargerState.CHARGING, r.cycles(5).state());
    }

    // ---- Firmware update (manual §5.9): UPDATING ----

    @Test
    void update_showsUpdating_noChargeStarts_untilItEnds() {
        Rig r = rig();
        ChargerControl.Result res = r.core.beginUpdate("org.infinergi.feature.panel 0.2.0");
        assertTrue(res.accepted(), res.message());
        ChargerStatus s = r.cycle();
        assertEquals(ChargerState.UPDATING, s.state());
        assertTrue(s.detail().contains("org.infinergi.feature.panel 0.2.0"), s.detail());
        assertFalse(r.core.beginUpdate("again").accepted(), "one update at a time");
        r.vehicle(PilotState.B);
        assertEquals(ChargerState.UPDATING, r.vehicle(PilotState.C).state(), "manual: wait for the end of the update");
        assertEquals(100.0, r.pilot.dutyCycle());
        assertFalse(r.cycles(10).contactorClosed());
        assertTrue(r.core.endUpdate().accepted());
        assertFalse(r.core.endUpdate().accepted(), "nothing to end");
        assertEquals(ChargerState.CHARGING, r.cycles(8).state());
    }

    @Test
    void update_shorterThanACycle_isStillShownOnce() {
        Rig r = rig();
        assertTrue(r.core.beginUpdate("org.infinergi.feature.panel 0.2.0").accepted());
        assertTrue(r.core.endUpdate().accepted(), "the bundle was replaced within the same cycle");
        assertEquals(ChargerState.UPDATING, r.cycle().state(), "shown once: the logo and the status say it");
        assertEquals(ChargerState.VEHICLE_NOT_CONNECTED, r.cycle().state());
    }

    @Test
    void update_postponedWhileAVehicleIsConnected() {
        Rig r = rig();
        r.charging();
        ChargerControl.Result res = r.core.beginUpdate("org.infinergi.feature.panel 0.2.0");
        assertFalse(res.accepted());
        assertTrue(res.message().contains("end of the charging session"), res.message());
        assertEquals(ChargerState.CHARGING, r.cycle().state(), "the charge goes on");
        r.vehicle(PilotState.B);
        r.vehicle(PilotState.A);
        assertTrue(r.core.beginUpdate("org.infinergi.feature.panel 0.2.0").accepted());
    }

    @Test
    void update_thatNeverEnds_stopsBlockingAfterTheTimeout() {
        Rig r = rig("updateTimeoutMs", 60_000);
        r.core.beginUpdate("bundle");
        assertEquals(ChargerState.UPDATING, r.cycle(59_000).state());
        assertEquals(ChargerState.VEHICLE_NOT_CONNECTED, r.cycle(1_000).state());
    }

    // ---- Out of service survives a restart (PID org.infinergi.availability) ----

    @Test
    void outOfService_readFromTheStoredChoice_atStartAndOnChange() {
        AvailabilityComponent stored = new AvailabilityComponent(Map.of("outOfService", true));
        Rig r = new Rig(Rig.config(), true, stored);
        assertEquals(ChargerState.OUT_OF_SERVICE, r.cycle().state(), "a restarted charger stays out of service");
        stored.modified(Map.of()); // a factory reset deletes the stored choice
        assertEquals(ChargerState.VEHICLE_NOT_CONNECTED, r.cycle().state());
    }

    @Test
    void outOfService_aRequestIsNotUndoneWhileItsStoredValueIsOnItsWay() {
        Rig r = rig();
        r.core.setOutOfService(true);
        assertEquals(ChargerState.OUT_OF_SERVICE, r.cycles(3).state());
        r.availability.modified(Map.of("outOfService", true)); // the stored value arrives
        assertEquals(ChargerState.OUT_OF_SERVICE, r.cycles(3).state());
    }

    @Test
    void outOfService_requestIsAnsweredEvenWithoutTheConfigurationService() {
        Rig r = rig();
        ChargerControl.Result res = r.core.setOutOfService(true);
        assertTrue(res.accepted());
        assertTrue(res.message().contains("not kept across a restart"), res.message());
        assertEquals(ChargerState.OUT_OF_SERVICE, r.cycle().state());
        r.modified(Rig.config("maxChargeRateA", 16));
        assertEquals(ChargerState.OUT_OF_SERVICE, r.cycle().state(),
                "a configuration change does not undo the request");
    }

    // ---- MID vehicle meter (manual §5.2.1.2) ----

    @Test
    void midMeterConfigured_energyFromTheMidMeter_notTheInternalOne() {
        Rig r = rig();
        FakeMeter mid = new FakeMeter(r.clock);
        r.core.midMeter = mid;
        r.core.metering = () -> new MeteringSettings(MeteringSettings.VehicleMeter.MID,
                MeteringSettings.GridMeter.NONE);
        r.meter.set(0, 100);
        mid.set(0, 5_000);
        r.charging();
        r.meter.set(11_000, 900);
        mid.set(11_000, 5_250);
        ChargerStatus s = r.cycle();
        assertEquals(250.0, s.sessionEnergyWh(), 1e-9, s.toString());
        assertEquals(11_000.0, s.powerW(), 1e-9);
    }

    // ---- D8 Unexpected status: the pilot oscillator signals an offer the charger does not make ----

    @Test
    void d8_pwmOnTheLineWhileSteadyCommanded_opensAtOnce_latched() {
        Rig r = rig();
        r.vehicle(PilotState.B);
        r.pilot.oscillatorStuck(true);
        assertNull(r.cycle().error(), "a PWM the charger commands is normal");
        r.charging();
        assertTrue(r.core.pause().accepted());
        ChargerStatus s = r.cycles(2);
        assertEquals(ChargerState.PAUSED, s.state(), "offer withdrawn: steady +12 V commanded");
        s = r.cycles(5);
        ErrorModelTest.assertError(s, "D8", 3);
        assertFalse(r.pilot.contactorCommanded(), "open at once");
        assertTrue(s.detail().contains("signals an offer it does not make"), s.detail());
        r.cycles(10);
        assertFalse(r.core.attemptRecovery().accepted(), "refused while the oscillator is stuck");
        r.pilot.oscillatorStuck(false);
        r.cycles(2);
        ErrorModelTest.refusedUntilUnplugged(r, "D8");
        assertTrue(ErrorModelTest.recover(r).accepted());
        assertNull(r.cycles(2).error());
    }
}
