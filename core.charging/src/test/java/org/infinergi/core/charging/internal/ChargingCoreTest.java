package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.api.SessionRecord;
import org.infinergi.core.charging.testing.FixedLimitProvider;
import org.junit.jupiter.api.Test;

class ChargingCoreTest {

    private static final double EPS = 0.05;

    /** A rig with the three built-in providers, configured like the core. */
    private static Rig rig(Map<String, ?> config) {
        Rig r = new Rig(config);
        r.core.limitProviders.add(new WiringLimitProvider(r.installation));
        r.core.limitProviders.add(new UserMaximumLimitProvider(r.charging));
        r.core.limitProviders.add(new DeviceRatingLimitProvider(r.device));
        return r;
    }

    private static Rig rig() {
        return rig(Rig.config());
    }

    /** No offer on the pilot (steady +12 V, or state F held after a fault) and the contactor open. */
    static void assertSafe(Rig r, ChargerStatus s) {
        double duty = r.pilot.dutyCycle();
        assertTrue(duty == 100.0 || duty == 0.0, "duty cycle " + duty);
        assertFalse(r.pilot.contactorCommanded(), "contactor");
        assertEquals(duty, s.dutyCyclePct());
        assertFalse(s.contactorClosed());
    }

    @Test
    void initialisingUntilTheFirstPilotReading() {
        Rig r = new Rig(Rig.config(), false);
        assertEquals(ChargerState.INITIALISING, r.core.status().state());
        r.pilot.failReads(new IllegalStateException("ADC not ready"));
        ChargerStatus s = r.cycle();
        assertEquals(ChargerState.INITIALISING, s.state());
        assertSafe(r, s);
        r.pilot.failReads(null);
        assertEquals(ChargerState.INITIALISING, r.cycle().state(), "the line settles after the driver's state F");
        r.cycles(3);
        assertEquals(ChargerState.VEHICLE_NOT_CONNECTED, r.cycle().state());
    }

    @Test
    void pilotUnreadableAfterStartIsAnError() {
        Rig r = rig();
        r.vehicle(PilotState.B);
        r.pilot.failReads(new IllegalStateException("ADC gone"));
        ChargerStatus s = r.cycle();
        assertEquals(ChargerState.ERROR, s.state());
        assertEquals("D3", s.error(), "internal hardware error: the pilot ADC does not answer");
        assertSafe(r, s);
    }

    @Test
    void aPilotDriverThatSaysWhyItCannotReadIsQuotedInTheD3Detail() {
        // A plain image on a PC: the pilot driver is there, the board's I/O is not.
        String why = "board I/O not available: Contactor output GPIO 23: No gpio chip yet initialized!";
        Rig r = new Rig(Rig.config(), false);
        r.pilot.failReads(new IllegalStateException(why));
        assertEquals(ChargerState.INITIALISING, r.cycle().state(), "within the start-up grace it waits");
        ChargerStatus s = r.cycle(10_000);
        assertEquals(ChargerState.ERROR, s.state());
        assertEquals("D3", s.error());
        assertEquals("D3 Internal hardware error: " + why, s.detail());
        assertSafe(r, s);
    }

    @Test
    void stateA_vehicleNotConnected_noPwm_contactorOpen() {
        Rig r = rig();
        ChargerStatus s = r.vehicle(PilotState.A);
        assertEquals(ChargerState.VEHICLE_NOT_CONNECTED, s.state());
        assertEquals(PilotState.A, s.pilot());
        assertEquals(0.0, s.offeredCurrentA());
        assertSafe(r, s);
    }

    @Test
    void stateB_withOffer_pwmOn_contactorOpen_waiting() {
        Rig r = rig();
        r.vehicle(PilotState.A);
        ChargerStatus s = r.vehicle(PilotState.B);
        assertEquals(ChargerState.WAITING_FOR_CURRENT, s.state());
        assertEquals("RDC-DD test before the charge (manual §4.3)", s.detail());
        s = r.cycles(2);
        assertEquals("current offered, waiting for the vehicle to start charging", s.detail());
        assertEquals(32.0, s.offeredCurrentA());
        assertEquals(53.3, r.pilot.dutyCycle(), EPS);
        assertEquals(53.3, s.dutyCyclePct());
        assertFalse(r.pilot.contactorCommanded());
    }

    @Test
    void stateC_closesTheContactorOnlyAfterThePwmOfferIsOn() {
        Rig r = rig();
        r.vehicle(PilotState.A);
        // Straight A → C: the first cycle puts the offer on and starts the RDC-DD test; it trips (test current off),
        // releases, and only then the contactor closes.
        ChargerStatus s = r.vehicle(PilotState.C);
        assertEquals(53.3, r.pilot.dutyCycle(), EPS);
        assertFalse(r.pilot.contactorCommanded(), "contactor must wait for the PWM offer");
        assertFalse(s.contactorClosed());
        assertTrue(r.rdc.testCurrent(), "RDC-DD self-test running");
        s = r.cycle();
        assertFalse(s.contactorClosed(), "RDC-DD has not released yet");
        assertEquals(ChargerState.WAITING_FOR_CURRENT, s.state());
        s = r.cycle();
        assertTrue(r.pilot.contactorCommanded());
        assertTrue(s.contactorClosed());
        assertEquals(ChargerState.CHARGING, s.state());
        List<String> cmds = r.pilot.commands();
        assertTrue(cmds.indexOf("contactor closed") > cmds.indexOf("duty " + r.pilot.dutyCycle()), cmds.toString());
    }

    @Test
    void stateC_afterB_closesAtOnce_andLeavingCOpensInTheSameCycle() {
        Rig r = rig();
        ChargerStatus s = r.charging();
        assertTrue(r.pilot.contactorCommanded());
        assertEquals(ChargerState.CHARGING, s.state());
        // The vehicle finishes: C → B. Opened within this very cycle (IEC 61851-1: within 100 ms).
        s = r.vehicle(PilotState.B);
        assertFalse(r.pilot.contactorCommanded());
        assertFalse(s.contactorClosed());
        assertEquals(ChargerState.TERMINATED, s.state());
        assertEquals("charging terminated", s.detail());
        assertEquals(53.3, r.pilot.dutyCycle(), EPS, "the offer stays on in B");
    }

    @Test
    void contactorNeverClosedOutsideC() {
        for (PilotState p : List.of(PilotState.A, PilotState.B, PilotState.D, PilotState.E, PilotState.F)) {
            Rig r = rig();
            r.charging();
            assertTrue(r.pilot.contactorCommanded());
            ChargerStatus s = r.vehicle(p);
            assertFalse(r.pilot.contactorCommanded(), "contactor in " + p);
            for (int i = 0; i < 5; i++) {
                assertFalse(r.cycle().contactorClosed(), "contactor in " + p);
            }
            assertFalse(s.contactorClosed());
        }
    }

    @Test
    void stateD_pausedForVentilation() {
        Rig r = rig();
        r.charging();
        ChargerStatus s = r.vehicle(PilotState.D);
        assertEquals(ChargerState.PAUSED, s.state());
        assertEquals("ventilation requested by the vehicle (manual §2.1)", s.detail());
        assertSafe(r, s);
    }

    @Test
    void statesEAndFAndOutOfBand_areErrorV4_safe() {
        for (double volts : new double[] { PilotState.E.nominalVolts(), PilotState.F.nominalVolts(), 7.5, 10.6 }) {
            Rig r = rig();
            r.charging();
            r.pilot.setPositiveVolts(volts);
            ChargerStatus s = r.cycle();
            assertSafe(r, s);
            s = r.cycles(2);
            assertEquals(ChargerState.ERROR, s.state(), "at " + volts + " V");
            assertEquals("V4", s.error());
            assertSafe(r, s);
        }
        Rig r = rig();
        r.pilot.setPositiveVolts(7.5);
        ChargerStatus s = r.cycles(4);
        assertNull(s.pilot(), "out of every band");
        assertTrue(s.detail().contains("7.50 V"), s.detail());
    }

    @Test
    void offeredCurrentIsTheMinimumOverProviders_andTheWinnerIsRecorded() {
        Rig r = rig();
        r.core.limitProviders.add(new FixedLimitProvider(20, "cable capacity"));
        r.core.limitProviders.add(new FixedLimitProvider(16, "dlm"));
        ChargerStatus s = r.vehicle(PilotState.B);
        assertEquals(16.0, s.offeredCurrentA());
        assertEquals("dlm", s.limitedBy());
        assertEquals(26.7, r.pilot.dutyCycle(), EPS);
        assertEquals(26.7, s.dutyCyclePct());
    }

    @Test
    void aProviderThatGoesAway_leavesItsLimitUntilItAnswersAgain() {
        Rig r = rig();
        FixedLimitProvider dlm = new FixedLimitProvider(10, "dlm");
        r.core.limitProviders.add(dlm);
        assertEquals(10.0, r.vehicle(PilotState.B).offeredCurrentA());
        r.core.limitProviders.remove(dlm);
        ChargerStatus s = r.cycle();
        assertEquals(10.0, s.offeredCurrentA(), "held while its bundle is updated, not the wiring's 32 A");
        assertEquals("dlm", s.limitedBy());
        FixedLimitProvider updated = new FixedLimitProvider(12, "dlm");
        r.core.limitProviders.add(updated);
        assertEquals(12.0, r.cycle().offeredCurrentA(), "the updated bundle's answer replaces the held one");
        r.core.limitProviders.remove(updated);
        assertEquals(12.0, r.cycle().offeredCurrentA());
        assertEquals(12.0, r.cycle(DepartedLimits.HOLD.toMillis() - 1_000).offeredCurrentA());
        assertEquals(32.0, r.cycle(2_000).offeredCurrentA(), "a provider removed for good stops limiting");
    }

    @Test
    void aThrowingProviderCountsAsZero_andPauses() {
        Rig r = rig();
        r.core.limitProviders.add(new FixedLimitProvider(16, "thermal").fail(new IllegalStateException("sensor")));
        ChargerStatus s = r.vehicle(PilotState.B);
        assertEquals(0.0, s.offeredCurrentA());
        assertEquals(ChargerState.WAITING_FOR_CURRENT, s.state());
        assertTrue(s.limitedBy().contains("failed"), s.limitedBy());
        assertEquals(100.0, r.pilot.dutyCycle());
    }

    @Test
    void noProviderAtAll_noOffer() {
        Rig r = new Rig();
        ChargerStatus s = r.vehicle(PilotState.B);
        assertEquals(0.0, s.offeredCurrentA());
        assertEquals(100.0, r.pilot.dutyCycle());
    }

    @Test
    void belowSixAmps_inB_waitsWithoutPwm() {
        Rig r = rig();
        r.core.limitProviders.add(new FixedLimitProvider(5.9, "dlm"));
        ChargerStatus s = r.vehicle(PilotState.B);
        assertEquals(ChargerState.WAITING_FOR_CURRENT, s.state());
        assertEquals(0.0, s.offeredCurrentA());
        assertEquals(100.0, r.pilot.dutyCycle());
        assertEquals("dlm", s.limitedBy());
        assertTrue(s.detail().startsWith("no current available: dlm allows 5.9 A"), s.detail());
    }

    @Test
    void sixAmpsExactly_isOffered() {
        Rig r = rig();
        r.core.limitProviders.add(new FixedLimitProvider(6, "dlm"));
        ChargerStatus s = r.vehicle(PilotState.B);
        assertEquals(6.0, s.offeredCurrentA());
        assertEquals(10.0, r.pilot.dutyCycle(), 1e-9);
    }

    @Test
    void belowSixAmps_inC_pausesAndOpensAfterTheGrace() {
        Rig r = rig();
        FixedLimitProvider dlm = new FixedLimitProvider(16, "dlm");
        r.core.limitProviders.add(dlm);
        r.charging();
        assertTrue(r.pilot.contactorCommanded());
        dlm.set(4);
        ChargerStatus s = r.cycle();
        assertEquals(ChargerState.PAUSED, s.state());
        assertTrue(s.detail().startsWith("paused: dlm allows 4.0 A"), s.detail());
        assertEquals(100.0, r.pilot.dutyCycle(), "PWM withdrawn first");
        assertTrue(r.pilot.contactorCommanded(), "the EV gets time to stop drawing");
        assertTrue(r.cycle(2_900).contactorClosed());
        s = r.cycle(100); // 3000 ms after the offer was withdrawn
        assertFalse(s.contactorClosed());
        assertFalse(r.pilot.contactorCommanded());
        assertEquals(ChargerState.PAUSED, s.state());
        // The current comes back: offer first, contactor on the following cycle.
        dlm.set(16);
        s = r.cycle();
        assertEquals(26.7, r.pilot.dutyCycle(), EPS);
        assertEquals(1, r.rdc.testsStarted(), "one RDC-DD test per session");
        assertFalse(r.pilot.contactorCommanded());
        assertTrue(r.cycle().contactorClosed());
    }

    @Test
    void belowSixAmps_inC_opensAsSoonAsTheVehicleGoesToB() {
        Rig r = rig();
        FixedLimitProvider dlm = new FixedLimitProvider(16, "dlm");
        r.core.limitProviders.add(dlm);
        r.charging();
        dlm.set(0);
        assertTrue(r.cycle().contactorClosed());
        ChargerStatus s = r.vehicle(PilotState.B);
        assertFalse(s.contactorClosed());
        assertFalse(r.pilot.contactorCommanded());
    }

    @Test
    void graceIsConfigurable() {
        Rig r = rig(Rig.config("stopGraceMs", 500));
        FixedLimitProvider dlm = new FixedLimitProvider(16, "dlm");
        r.core.limitProviders.add(dlm);
        r.charging();
        dlm.set(0);
        assertTrue(r.cycle().contactorClosed());
        assertTrue(r.cycle(449).contactorClosed());
        assertFalse(r.cycle(51).contactorClosed());
    }

    @Test
    void installationNotComplete_notEnabled_neverPwm_neverContactor() {
        Rig r = rig(Rig.config("installationComplete", false));
        for (PilotState p : List.of(PilotState.A, PilotState.B, PilotState.C, PilotState.C, PilotState.B)) {
            ChargerStatus s = r.vehicle(p);
            assertEquals(ChargerState.NOT_ENABLED, s.state(), "in " + p);
            assertEquals("installation not complete (manual §4.10)", s.detail());
            assertEquals(PilotState.valueOf(p.name()), s.pilot(), "the plug is still seen");
            assertSafe(r, s);
        }
        assertTrue(r.pilot.commands().stream().noneMatch(c -> c.equals("contactor closed")));
    }

    @Test
    void chargingDisabled_notEnabled() {
        Rig r = rig(Rig.config("chargingEnabled", false));
        r.vehicle(PilotState.B);
        ChargerStatus s = r.vehicle(PilotState.C);
        assertEquals(ChargerState.NOT_ENABLED, s.state());
        assertEquals("charging not enabled (manual §7.1.1)", s.detail());
        assertSafe(r, s);
    }

    @Test
    void chargingDisabledDuringACharge_stopsIt() {
        Rig r = rig();
        r.charging();
        r.modified(Rig.config("chargingEnabled", false));
        ChargerStatus s = r.cycle();
        assertEquals(ChargerState.NOT_ENABLED, s.state());
        assertEquals(100.0, r.pilot.dutyCycle());
        assertFalse(r.cycle(3_000).contactorClosed());
    }

    @Test
    void userMaximumChargeRate_limitsTheOffer() {
        Rig r = rig(Rig.config("maxChargeRateA", 10));
        ChargerStatus s = r.vehicle(PilotState.B);
        assertEquals(10.0, s.offeredCurrentA());
        assertEquals(UserMaximumLimitProvider.SOURCE, s.limitedBy());
        assertEquals(16.7, r.pilot.dutyCycle(), EPS);
    }

    @Test
    void wiringLimit_limitsTheOffer() {
        Rig r = rig(Rig.config("wiringLimitA", 20));
        ChargerStatus s = r.vehicle(PilotState.B);
        assertEquals(20.0, s.offeredCurrentA());
        assertEquals(WiringLimitProvider.SOURCE, s.limitedBy());
    }

    @Test
    void deviceRating_limitsTheOffer() {
        Rig r = rig(Rig.config("ratedCurrentA", 16));
        ChargerStatus s = r.vehicle(PilotState.B);
        assertEquals(16.0, s.offeredCurrentA());
        assertEquals(DeviceRatingLimitProvider.SOURCE, s.limitedBy());
        assertEquals("INFINERGI-3T-DR", s.model());
    }

    @Test
    void modesWithoutProvider_pauseOnTheSafeSide() {
        for (ChargingMode m : List.of(ChargingMode.GREEN, ChargingMode.PROGRAMMED, ChargingMode.OCPP)) {
            Rig r = rig(Rig.config("activeMode", m.name()));
            ChargerStatus s = r.vehicle(PilotState.B);
            assertEquals(0.0, s.offeredCurrentA(), m.name());
            assertEquals("mode " + m + " not installed", s.limitedBy());
            assertEquals(m, s.mode());
            assertEquals(100.0, r.pilot.dutyCycle());
        }
    }

    @Test
    void invalidWiringLimit_rejected_propertyNamed_previousKept_noHalfApply() {
        Map<String, Object> good = Rig.config("wiringLimitA", 20);
        Rig r = rig(good);
        assertNull(r.vehicle(PilotState.B).configurationError());
        // A bad wiring limit together with a change of another key of the same PID: nothing of it applies.
        Map<String, Object> bad = Rig.config("wiringLimitA", 40, "installationComplete", false);
        r.modified(bad);
        ChargerStatus s = r.cycle();
        assertTrue(s.configurationError().contains("org.infinergi.installation"), s.configurationError());
        assertTrue(s.configurationError().contains("wiringLimitA=40"), s.configurationError());
        assertEquals(ChargerState.WAITING_FOR_CURRENT, s.state(), "installationComplete=true still in force");
        assertEquals(20.0, s.offeredCurrentA());
        // Fixing it clears the error.
        r.modified(Rig.config("wiringLimitA", 16));
        s = r.cycle();
        assertNull(s.configurationError());
        assertEquals(16.0, s.offeredCurrentA());
    }

    @Test
    void wiringLimitProvider_keepsThePreviousValue() {
        InstallationComponent installation = new InstallationComponent(Rig.config("wiringLimitA", 20));
        WiringLimitProvider p = new WiringLimitProvider(installation);
        installation.modified(Rig.config("wiringLimitA", 5));
        assertEquals(20.0, p.currentLimit().amps());
        installation.modified(Rig.config("wiringLimitA", "abc"));
        assertEquals(20.0, p.currentLimit().amps());
        installation.modified(Rig.config("wiringLimitA", "25"));
        assertEquals(25.0, p.currentLimit().amps());
        ChargingComponent charging = new ChargingComponent(Map.of("maxChargeRateA", 12));
        UserMaximumLimitProvider u = new UserMaximumLimitProvider(charging);
        charging.modified(Map.of("maxChargeRateA", 33));
        assertEquals(12.0, u.currentLimit().amps());
    }

    @Test
    void unknownMode_rejected_previousKept() {
        Rig r = rig();
        r.modified(Rig.config("activeMode", "TURBO"));
        ChargerStatus s = r.vehicle(PilotState.B);
        assertEquals(ChargingMode.FAST, s.mode());
        assertTrue(s.configurationError().contains("org.infinergi.charging: activeMode=TURBO"),
                s.configurationError());
        assertEquals(32.0, s.offeredCurrentA());
    }

    @Test
    void invalidConfigAtFirstActivation_usesTheSafeDefaults() {
        Rig r = rig(Rig.config("wiringLimitA", 50));
        ChargerStatus s = r.vehicle(PilotState.B);
        assertEquals(ChargerState.NOT_ENABLED, s.state());
        assertTrue(s.configurationError().contains("wiringLimitA=50"), s.configurationError());
        assertSafe(r, s);
    }

    @Test
    void sessionWrittenOnUnplug_withEnergyPeakModeAndReason() {
        Rig r = rig();
        r.meter.set(0, 1_000);
        r.vehicle(PilotState.A);
        r.vehicle(PilotState.B); // plug-in: session starts at T0 + 100 ms
        java.time.Instant start = r.clock.instant();
        r.vehicle(PilotState.C);
        r.meter.set(7_000, 2_000);
        r.cycle(60_000);
        r.meter.set(11_000, 5_000);
        r.cycle(60_000);
        r.meter.set(10_000, 8_000);
        assertEquals(7_000, r.cycle(60_000).sessionEnergyWh(), 1e-9);
        r.meter.set(0, 8_000);
        r.vehicle(PilotState.B);
        assertTrue(r.stored.isEmpty(), "a session ends at unplug, not when the EV stops");
        ChargerStatus s = r.vehicle(PilotState.A);
        assertEquals(1, r.stored.size());
        SessionRecord rec = r.stored.get(0);
        assertEquals(start, rec.start());
        assertEquals(r.clock.instant(), rec.end());
        assertEquals(7_000, rec.energyWh(), 1e-9);
        assertEquals(11_000, rec.peakPowerW(), 1e-9);
        assertEquals(ChargingMode.FAST, rec.mode());
        assertEquals("VEHICLE_DISCONNECTED", rec.endReason());
        assertEquals(7_000, s.sessionEnergyWh(), 1e-9, "the last session is shown after unplug");
        assertEquals(7_000, r.cycle().sessionEnergyWh(), 1e-9);
        // The next plug starts a new session.
        assertEquals(0, r.vehicle(PilotState.B).sessionEnergyWh(), 1e-9);
    }

    @Test
    void sessionModeIsTheModeAtStart() {
        Rig r = rig();
        r.vehicle(PilotState.B);
        r.modified(Rig.config("activeMode", "GREEN"));
        r.cycle();
        r.vehicle(PilotState.A);
        assertEquals(ChargingMode.FAST, r.stored.get(0).mode());
    }

    @Test
    void deactivate_drivesTheSafeSide_andStoresTheRunningSession() {
        Rig r = rig();
        r.charging();
        assertTrue(r.pilot.contactorCommanded());
        r.core.deactivate();
        assertFalse(r.pilot.contactorCommanded());
        assertEquals(100.0, r.pilot.dutyCycle());
        assertEquals(1, r.stored.size());
        assertEquals(ChargingCore.END_CHARGER_STOPPED, r.stored.get(0).endReason());
    }

    @Test
    void statusCarriesPowerFromTheVehicleMeter() {
        Rig r = rig();
        r.meter.set(7_360, 0);
        assertEquals(7_360, r.vehicle(PilotState.C).powerW(), 1e-9);
        r.core.vehicleMeter = null;
        assertEquals(0, r.cycle().powerW(), 1e-9);
    }

    @Test
    void statusCommand_printsOneFieldPerLine() {
        Rig r = rig();
        r.vehicle(PilotState.B);
        String out = new StatusCommand(r.core).status();
        assertTrue(out.contains("state:"), out);
        assertTrue(out.contains("WAITING_FOR_CURRENT"), out);
        assertTrue(out.contains("duty cycle:          53.3 %"), out);
        assertTrue(out.contains("limited by:"), out);
        assertTrue(out.lines().count() >= 12, out);
    }

    @Test
    void limitRecordRejectsNegative() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Limit.of(-1, "x"));
    }
}
