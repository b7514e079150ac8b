package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.testing.FixedLimitProvider;
import org.junit.jupiter.api.Test;

/** Manual §9.1: every error stops or suspends the charge, shows its category, and recovers as the table says. */
class ErrorModelTest {

    /** A rig offering 16 A (one provider), charging configured as a sim image (installation complete). */
    static Rig rig(Object... extra) {
        Rig r = new Rig(Rig.config(extra));
        r.core.limitProviders.add(new FixedLimitProvider(16, "dlm"));
        return r;
    }

    static void assertSafe(Rig r, ChargerStatus s) {
        ChargingCoreTest.assertSafe(r, s);
    }

    static void assertError(ChargerStatus s, String code, int category) {
        assertEquals(ChargerState.ERROR, s.state(), s.toString());
        assertEquals(code, s.error(), s.toString());
        assertEquals(category, s.errorCategory());
        assertTrue(s.activeErrors().contains(code), s.activeErrors().toString());
        assertTrue(s.detail().startsWith(code + " "), s.detail());
    }

    /** Recovery attempt, then one cycle; returns the attempt's answer. */
    static ChargerControl.Result recover(Rig r) {
        ChargerControl.Result res = r.core.attemptRecovery();
        r.cycle();
        return res;
    }

    /**
     * Manual §9.1 "Disconnect the vehicle and press the multifunction button": with the vehicle still plugged in
     * the reset is refused in the manual's words; then the vehicle is unplugged and the charger sees A (after the
     * state F hold and the line's settling).
     */
    static void refusedUntilUnplugged(Rig r, String code) {
        ChargerControl.Result res = recover(r);
        assertFalse(res.accepted(), res.message());
        assertTrue(res.message().contains(code) && res.message().contains("disconnect the vehicle first"),
                res.message());
        assertTrue(r.core.status().detail().contains("disconnect the vehicle first"), r.core.status().detail());
        assertError(r.core.status(), code, ErrorCode.valueOf(code).category().number());
        r.vehicle(PilotState.A);
        assertEquals(PilotState.A, r.cycles(10).pilot());
    }

    // ---- V4 pilot problem: open at once, state F held ≈ 300 ms, latched until recovery once the cause is gone ----

    @Test
    void v4_stateE_opensAtOnce_holdsStateF_latchesUntilRecovery() {
        Rig r = rig();
        r.charging();
        r.pilot.vehicle(PilotState.E);
        ChargerStatus s = r.cycle();
        assertFalse(r.pilot.contactorCommanded(), "opened in the cycle the fault is seen");
        assertEquals(100.0, r.pilot.dutyCycle(), "no offer while the fault is confirmed");
        assertNull(s.error(), "not latched before pilotFaultMs (100 ms)");
        s = r.cycles(2);
        assertError(s, "V4", 2);
        assertEquals(0.0, r.pilot.dutyCycle(), "state F held after the fault");
        assertEquals(0.0, r.cycle(200).dutyCyclePct());
        assertEquals(100.0, r.cycle(100).dutyCyclePct(), "F released after 300 ms");
        assertTrue(r.history.get(0).startsWith("RAISED V4"), r.history.toString());
        // The short is gone: the vehicle shows B again, but V4 waits for the button.
        r.pilot.vehicle(PilotState.B);
        s = r.cycles(10);
        assertError(s, "V4", 2);
        assertSafe(r, s);
        refusedUntilUnplugged(r, "V4");
        ChargerControl.Result res = recover(r);
        assertTrue(res.accepted(), res.message());
        r.vehicle(PilotState.B);
        s = r.cycles(4);
        assertNull(s.error());
        assertEquals(16.0, s.offeredCurrentA(), "the offer is back: " + s);
        assertEquals(List.of(), s.activeErrors());
        assertEquals("CLEARED V4", r.history.get(r.history.size() - 1));
    }

    @Test
    void recoveryRefusedWhileTheCausePersists() {
        Rig r = rig();
        r.charging();
        r.pilot.vehicle(PilotState.E);
        r.cycles(10);
        ChargerControl.Result res = recover(r);
        assertFalse(res.accepted());
        assertTrue(res.message().contains("still present") && res.message().contains("V4"), res.message());
        assertError(r.cycle(), "V4", 2);
    }

    @Test
    void v4_missingDiode_underPwm() {
        Rig r = rig();
        r.charging();
        r.pilot.missingDiode(true);
        assertEquals(ChargerState.CHARGING, r.cycle().state(), "debounced (diodeCheckMs)");
        ChargerStatus s = r.cycles(5);
        assertError(s, "V4", 2);
        assertTrue(s.detail().contains("diode"), s.detail());
        assertFalse(r.pilot.contactorCommanded());
    }

    @Test
    void v4_stateFReadBack_andOutOfBand() {
        for (double v : new double[] { -12.0, 7.5 }) {
            Rig r = rig();
            r.charging();
            r.pilot.setPositiveVolts(v);
            ChargerStatus s = r.cycle();
            assertFalse(r.pilot.contactorCommanded(), "safe at once");
            s = r.cycles(2);
            assertError(s, "V4", 2);
            assertFalse(r.pilot.contactorCommanded());
        }
    }

    @Test
    void v4_aPilotGlitchShorterThanTheConfirmationIsSafeButNotLatched() {
        Rig r = rig();
        r.charging();
        r.pilot.setPositiveVolts(-12.0);
        ChargerStatus s = r.cycle();
        assertFalse(r.pilot.contactorCommanded(), "safe while the reading is unexplained");
        assertEquals(0.0, s.offeredCurrentA());
        r.pilot.vehicle(PilotState.C);
        s = r.cycles(6);
        assertNull(s.error(), "a line that settles within pilotFaultMs raises nothing: " + s);
        assertEquals(List.of(), s.activeErrors());
        assertEquals(ChargerState.CHARGING, s.state(), s.toString());
        assertTrue(r.pilot.contactorCommanded(), "charging again");
        assertTrue(r.history.stream().noneMatch(h -> h.contains("V4")), r.history.toString());
    }

    // ---- D3 internal hardware ----

    @Test
    void d3_pilotAdcNaN_isInternalHardwareError() {
        Rig r = rig();
        r.charging();
        r.pilot.setPositiveVolts(Double.NaN);
        ChargerStatus s = r.cycle();
        assertError(s, "D3", 3);
        assertFalse(r.pilot.contactorCommanded());
        r.pilot.vehicle(PilotState.B);
        r.cycles(10);
        assertTrue(recover(r).accepted());
        assertEquals(16.0, r.cycles(4).offeredCurrentA());
    }

    @Test
    void d3_boardSensorsMissing_afterTheStartUpGrace_noCharge() {
        Rig r = rig();
        r.core.boardSensors = null;
        r.vehicle(PilotState.B);
        r.cycles(3);
        r.vehicle(PilotState.C);
        ChargerStatus s = r.cycles(5);
        assertFalse(s.contactorClosed(), "within the start-up grace it waits, it does not charge");
        assertTrue(s.detail().startsWith("waiting for the supervision hardware"), s.detail());
        s = r.cycle(10_000);
        assertError(s, "D3", 3);
        assertTrue(s.detail().contains("board sensors"), s.detail());
        assertSafe(r, s);
    }

    @Test
    void boardSensorsNotRequired_chargesWithout() {
        Rig r = rig("requireBoardSensors", false);
        r.core.boardSensors = null;
        r.charging();
        assertEquals(ChargerState.CHARGING, r.cycle(20_000).state());
    }

    // ---- D4 contactor feedback ----

    @Test
    void d4_weldedContact_raised_refusedWhileWelded_recoveredAfter() {
        Rig r = rig();
        r.vehicle(PilotState.B);
        r.pilot.forceFeedback(true);
        assertEquals(ChargerState.WAITING_FOR_CURRENT, r.cycle().state(), "relay time not over");
        ChargerStatus s = r.cycles(6);
        assertError(s, "D4", 3);
        assertTrue(s.detail().contains("welded"), s.detail());
        assertFalse(r.pilot.contactorCommanded());
        assertFalse(recover(r).accepted(), "still welded");
        r.pilot.forceFeedback(null);
        r.cycle();
        assertTrue(recover(r).accepted());
        assertNull(r.cycles(3).error());
    }

    @Test
    void d4_contactorFailsToClose_opensAtOnce() {
        Rig r = rig();
        r.pilot.forceFeedback(false);
        r.charging();
        ChargerStatus s = r.cycles(7);
        assertError(s, "D4", 3);
        assertTrue(s.detail().contains("did not close"), s.detail());
        assertFalse(r.pilot.contactorCommanded());
    }

    // ---- V1 overload ----

    @Test
    void v1_overload_moreThan125PercentForSeconds() {
        Rig r = rig();
        r.charging();
        r.meter.setPhases(new double[] { 230, 230, 230 }, new double[] { 19.9, 16, 16 });
        assertEquals(ChargerState.CHARGING, r.cycle(10_000).state(), "124 % is allowed");
        r.meter.setPhases(new double[] { 230, 230, 230 }, new double[] { 16, 21, 16 });
        assertEquals(ChargerState.CHARGING, r.cycle().state());
        assertEquals(ChargerState.CHARGING, r.cycle(5_000).state(), "a few seconds to follow");
        ChargerStatus s = r.cycle(1_000);
        assertError(s, "V1", 2);
        assertFalse(r.pilot.contactorCommanded(), "opened at once");
        // Unplug, press the button: cleared.
        r.meter.setPhases(new double[] { 230, 230, 230 }, new double[] { 0, 0, 0 });
        r.cycle();
        refusedUntilUnplugged(r, "V1");
        assertTrue(recover(r).accepted());
        assertEquals(ChargerState.VEHICLE_NOT_CONNECTED, r.cycles(3).state());
    }

    @Test
    void overloadThresholdAndTimeAreConfiguration() {
        Rig r = rig("overloadPct", 110, "overloadMs", 1000);
        r.charging();
        r.meter.setPhases(new double[] { 230, 230, 230 }, new double[] { 18, 16, 16 });
        r.cycle();
        assertError(r.cycle(1_000), "V1", 2);
    }

    // ---- V2 ground fault ----

    @Test
    void v2_dcLeakageDuringCharge_opensAtOnce_latched() {
        Rig r = rig();
        r.charging();
        r.rdc.leak(true);
        ChargerStatus s = r.cycle();
        assertError(s, "V2", 2);
        assertFalse(r.pilot.contactorCommanded());
        assertFalse(recover(r).accepted(), "leakage still there");
        r.rdc.leak(false);
        r.cycle();
        refusedUntilUnplugged(r, "V2");
        assertTrue(recover(r).accepted());
        assertNull(r.cycles(2).error());
    }

    // ---- D6 RDC-DD self-test before each charge ----

    @Test
    void d6_selfTestFails_noCharge_testVisible() {
        Rig r = rig();
        r.rdc.failSelfTest(true);
        ChargerStatus s = r.vehicle(PilotState.B);
        assertTrue(s.detail().contains("RDC-DD test"), s.detail());
        r.pilot.vehicle(PilotState.C);
        s = r.cycles(10);
        assertEquals(ChargerState.WAITING_FOR_CURRENT, s.state());
        assertTrue(s.detail().contains("RDC-DD test"), s.detail());
        s = r.cycles(20);
        assertError(s, "D6", 3);
        assertTrue(s.detail().contains("did not trip"), s.detail());
        assertTrue(r.pilot.commands().stream().noneMatch("contactor closed"::equals), "never charged");
        assertFalse(r.rdc.testCurrent());
    }

    @Test
    void d6_rdcDoesNotRelease() {
        Rig r = rig();
        r.rdc.stuckTripped(true);
        r.vehicle(PilotState.B);
        ChargerStatus s = r.cycles(25);
        assertError(s, "D6", 3);
        assertTrue(s.detail().contains("did not release"), s.detail());
    }

    @Test
    void rdcTestedBeforeEachCharge() {
        Rig r = rig();
        r.charging();
        r.vehicle(PilotState.B);
        r.vehicle(PilotState.A);
        r.charging();
        assertEquals(2, r.rdc.testsStarted());
        List<String> cmds = r.pilot.commands();
        assertTrue(cmds.contains("contactor closed"));
    }

    @Test
    void d6_rdcServiceMissing_waitsThenRefusesToCharge() {
        Rig r = rig();
        r.core.residualCurrentDevice = null;
        r.vehicle(PilotState.B);
        ChargerStatus s = r.vehicle(PilotState.C);
        s = r.cycles(5);
        assertFalse(s.contactorClosed(), "no charge without the RDC-DD");
        s = r.cycle(10_000);
        assertError(s, "D6", 3);
        assertTrue(s.detail().contains("no RDC-DD"), s.detail());
    }

    @Test
    void rdcNotRequired_chargesWithoutTheService() {
        Rig r = rig("requireRdcDd", false);
        r.core.residualCurrentDevice = null;
        r.charging();
        assertEquals(ChargerState.CHARGING, r.cycle(20_000).state());
    }

    // ---- I1 earth, I2 phase reversal ----

    @Test
    void i1_earthLost_TN_TT_opensAtOnce_latched() {
        Rig r = rig();
        r.charging();
        r.sensors.earth(false);
        ChargerStatus s = r.cycle();
        assertError(s, "I1", 1);
        assertFalse(r.pilot.contactorCommanded());
        assertFalse(recover(r).accepted());
        r.sensors.earth(true);
        r.cycle();
        refusedUntilUnplugged(r, "I1");
        assertTrue(recover(r).accepted());
    }

    @Test
    void i1_notRaisedOnItEarthing() {
        Rig r = rig("earthing", "IT");
        r.sensors.earth(false);
        ChargerStatus s = r.charging();
        assertEquals(ChargerState.CHARGING, s.state());
        assertNull(r.cycle().error());
    }

    @Test
    void i2_phaseReversal() {
        Rig r = rig();
        r.sensors.phaseNeutralReversed(true);
        ChargerStatus s = r.vehicle(PilotState.B);
        assertError(s, "I2", 1);
        r.sensors.phaseNeutralReversed(false);
        assertError(r.cycles(5), "I2", 1);
        assertTrue(recover(r).accepted());
        assertNull(r.cycle().error());
    }

    // ---- I3/I4 supply voltage: debounced, suspend, clear by themselves ----

    @Test
    void i3_undervoltage_suspends_clearsByItself() {
        Rig r = rig();
        r.charging();
        r.meter.setPhases(new double[] { 230, 180, 230 }, new double[] { 16, 16, 16 });
        assertEquals(ChargerState.CHARGING, r.cycle().state(), "debounced");
        ChargerStatus s = r.cycle(2_000);
        assertError(s, "I3", 1);
        assertEquals(100.0, r.pilot.dutyCycle(), "PWM withdrawn first");
        assertTrue(r.pilot.contactorCommanded(), "the vehicle gets the grace to stop drawing");
        r.meter.setPhases(new double[] { 230, 180, 230 }, new double[] { 0, 0, 0 });
        assertFalse(r.vehicle(PilotState.B).contactorClosed(), "opens once the vehicle is in B");
        ChargerControl.Result res = recover(r);
        assertFalse(res.accepted());
        assertTrue(res.message().contains("by themselves"), res.message());
        r.meter.setPhases(new double[] { 230, 229, 230 }, new double[] { 0, 0, 0 });
        s = r.cycle();
        assertNull(s.error(), "cleared by itself");
        assertEquals("CLEARED I3", r.history.get(r.history.size() - 1));
    }

    @Test
    void i4_overvoltage_thresholdsAreConfiguration() {
        Rig r = rig("overvoltageV", 245, "voltageDebounceMs", 0);
        r.meter.setPhases(new double[] { 248, 230, 230 }, new double[] { 0, 0, 0 });
        assertError(r.cycle(), "I4", 1);
        r.meter.setPhases(new double[] { 240, 230, 230 }, new double[] { 0, 0, 0 });
        assertNull(r.cycle().error());
    }

    @Test
    void singlePhaseDevice_ignoresPhases2And3() {
        Rig r = rig("phases", 1, "voltageDebounceMs", 0);
        r.meter.setPhases(new double[] { 230, 0, 0 }, new double[] { 0, 0, 0 });
        assertNull(r.cycle().error());
    }

    // ---- D7 overheating and thermal derating (manual §5.6) ----

    @Test
    void d7_aboveCritical_stops_clearsBelowRecovery() {
        Rig r = rig();
        r.core.thermalThresholds = () -> new ThermalSettings(60, 80, 70);
        r.charging();
        r.sensors.temperature(81);
        ChargerStatus s = r.cycle();
        assertError(s, "D7", 3);
        assertEquals(100.0, r.pilot.dutyCycle());
        assertFalse(r.cycle(3_000).contactorClosed(), "opened after the grace at the latest");
        r.sensors.temperature(75);
        assertError(r.cycle(), "D7", 3);
        assertFalse(r.core.attemptRecovery().accepted(), "D7 clears by itself only");
        r.sensors.temperature(69);
        s = r.cycles(4);
        assertNull(s.error());
        assertEquals(ChargerState.CHARGING, s.state());
    }

    @Test
    void d3_temperatureUnreadable() {
        Rig r = rig();
        r.sensors.temperature(Double.NaN);
        assertError(r.cycle(), "D3", 3);
    }

    @Test
    void thermalDerating_proportionalBetweenWarningAndCritical() {
        ThermalSettings t = new ThermalSettings(70, 85, 65);
        assertEquals(80.0, ThermalLimitProvider.limitAt(70, t).amps(), 1e-9);
        assertEquals(32.0, ThermalLimitProvider.limitAt(70.0001, t).amps(), 0.01);
        assertEquals(19.0, ThermalLimitProvider.limitAt(77.5, t).amps(), 1e-9);
        assertEquals(6.0, ThermalLimitProvider.limitAt(84.9999, t).amps(), 0.01);
        assertEquals(0.0, ThermalLimitProvider.limitAt(85, t).amps());
        assertEquals(0.0, ThermalLimitProvider.limitAt(Double.NaN, t).amps());
        ThermalLimitProvider p = new ThermalLimitProvider(Map.of("warningC", 50, "criticalC", 70, "recoveryC", 45));
        assertEquals(80.0, p.currentLimit().amps(), "no sensor service: nothing to derate on");
        p.setBoardSensors(new org.infinergi.core.charging.testing.FakeBoardSensors().temperature(60));
        assertEquals(19.0, p.currentLimit().amps(), 1e-9);
        assertEquals(ThermalLimitProvider.SOURCE, p.currentLimit().source());
        p.modified(Map.of("warningC", 50, "criticalC", 70, "recoveryC", 75));
        assertEquals(45, p.thermalSettings().recoveryC(), "recovery above critical rejected");
    }

    // ---- V5 cable, D5 lock (untethered), skipped on tethered models ----

    @Test
    void v5_invalidCable_untethered() {
        Rig r = rig("tethered", false);
        r.pp.resistance(5_000);
        ChargerStatus s = r.vehicle(PilotState.B);
        assertError(s, "V5", 2);
        r.pp.resistance(680);
        r.vehicle(PilotState.A);
        assertTrue(recover(r).accepted());
        r.charging();
    }

    @Test
    void v5_clearsWhenTheCableIsRemoved_noReset() {
        Rig r = rig("tethered", false);
        r.pp.resistance(5_000);
        assertError(r.vehicle(PilotState.B), "V5", 2);
        assertError(r.cycles(10), "V5", 2);
        // Manual §9.1 V5: "Disconnect the cable and check …": the cable out (pilot A) clears it, no button.
        r.vehicle(PilotState.A);
        ChargerStatus s = r.cycles(10);
        assertNull(s.error(), s.toString());
        assertEquals(ChargerState.VEHICLE_NOT_CONNECTED, s.state());
        assertEquals("CLEARED V5", r.history.get(r.history.size() - 1));
    }

    @Test
    void recoveryWithTheVehiclePluggedIn_refusedOnlyWhereTheManualSaysDisconnectTheVehicle() {
        Rig r = rig();
        r.charging();
        r.sensors.phaseNeutralReversed(true);
        assertError(r.cycle(), "I2", 1);
        r.sensors.phaseNeutralReversed(false);
        r.cycle();
        // I2's remedy is "Remove the power supply … check the input cable wiring": no unplugging asked.
        assertTrue(recover(r).accepted());
        assertNull(r.cycles(2).error());
    }

    @Test
    void v5_unreadablePp() {
        Rig r = rig("tethered", false);
        r.pp.resistance(Double.NaN);
        assertError(r.vehicle(PilotState.B), "V5", 2);
    }

    @Test
    void cableCapacity_ranges_betweenTwoTheLower() {
        assertEquals(13, CableCapacity.ratingA(1500));
        assertEquals(13, CableCapacity.ratingA(1000), "between 20 A and 13 A");
        assertEquals(20, CableCapacity.ratingA(680));
        assertEquals(20, CableCapacity.ratingA(350), "between 32 A and 20 A");
        assertEquals(32, CableCapacity.ratingA(220));
        assertEquals(32, CableCapacity.ratingA(150), "between 63 A and 32 A");
        assertEquals(63, CableCapacity.ratingA(100));
        assertEquals(0, CableCapacity.ratingA(50));
        assertEquals(0, CableCapacity.ratingA(5000));
        assertEquals(0, CableCapacity.ratingA(Double.NaN));
        DeviceComponent device = new DeviceComponent(Map.of("tethered", false));
        CableLimitProvider p = new CableLimitProvider(device);
        assertEquals(0.0, p.currentLimit().amps(), "no PP reader: cannot tell");
        p.setProximityPilot(new org.infinergi.core.charging.testing.FakeProximityPilot().resistance(680));
        assertEquals(20.0, p.currentLimit().amps());
        assertEquals("cable capacity", p.currentLimit().source());
        device.modified(Map.of("tethered", true));
        assertEquals(80.0, p.currentLimit().amps(), "tethered: no cable limit");
    }

    @Test
    void lockEngagesBeforeTheContactorCloses_releasesAfterItOpens() {
        Rig r = rig("tethered", false);
        r.charging();
        assertTrue(r.lock.commanded());
        assertTrue(r.pilot.contactorCommanded());
        r.vehicle(PilotState.B);
        assertFalse(r.pilot.contactorCommanded());
        assertTrue(r.lock.commanded(), "still locked in the cycle the contactor opens");
        r.cycle();
        assertFalse(r.lock.commanded(), "released once open");
        assertEquals(List.of(false, true, false), r.lock.commands());
    }

    @Test
    void d5_lockDoesNotEngage_noCharge() {
        Rig r = rig("tethered", false);
        r.lock.jam(false);
        r.vehicle(PilotState.B);
        r.cycles(3);
        ChargerStatus s = r.vehicle(PilotState.C);
        s = r.cycles(5);
        assertEquals(ChargerState.WAITING_FOR_CURRENT, s.state());
        assertEquals("locking the connector", s.detail());
        assertFalse(s.contactorClosed());
        s = r.cycles(20);
        assertError(s, "D5", 3);
        assertFalse(r.lock.commanded(), "released after the failure");
        assertTrue(r.pilot.commands().stream().noneMatch("contactor closed"::equals));
        r.lock.jam(null);
        r.cycle();
        assertTrue(recover(r).accepted());
    }

    @Test
    void d5_lockLostDuringCharge_opensAtOnce() {
        Rig r = rig("tethered", false);
        r.charging();
        r.cycle(2_000);
        r.lock.jam(false);
        ChargerStatus s = r.cycle();
        assertError(s, "D5", 3);
        assertFalse(r.pilot.contactorCommanded());
    }

    @Test
    void tethered_skipsProximityPilotAndLock() {
        Rig r = rig(); // tethered=true: even an invalid PP and a jammed lock, if bound, are not used
        r.core.proximityPilot = r.pp.resistance(5_000);
        r.core.connectorLock = r.lock.jam(false);
        r.charging();
        assertEquals(ChargerState.CHARGING, r.cycle(20_000).state());
        assertTrue(r.lock.commands().isEmpty());
    }

    @Test
    void untethered_missingLockOrPp_isAnError() {
        Rig r = rig("tethered", false);
        r.core.connectorLock = null;
        r.vehicle(PilotState.B);
        assertError(r.cycle(10_000), "D5", 3);
        Rig r2 = rig("tethered", false);
        r2.core.proximityPilot = null;
        assertError(r2.cycle(10_000), "D3", 3);
    }

    // ---- D1 panel, D9 MID meter, D2 CT remote ----

    @Test
    void d1_panelBoardNotResponding() {
        Rig r = rig();
        org.infinergi.core.charging.testing.FakePanelBoard panel = new org.infinergi.core.charging.testing.FakePanelBoard();
        r.core.panelBoard = panel;
        r.charging();
        panel.responding(false);
        ChargerStatus s = r.cycle();
        assertError(s, "D1", 3);
        panel.responding(true);
        r.cycle();
        assertTrue(recover(r).accepted());
    }

    @Test
    void d3_rfidReaderSilent_stopsTheCharge_latchedUntilItAnswersAndIsReset() {
        Rig r = rig();
        org.infinergi.core.charging.testing.FakeCardReader reader = new org.infinergi.core.charging.testing.FakeCardReader();
        r.core.cardReader = reader;
        r.charging();
        reader.responding(false);
        ChargerStatus s = r.cycle();
        assertError(s, "D3", 3);
        assertTrue(s.detail().contains("the RFID reader does not answer (fake reader on /dev/test0)"), s.detail());
        assertFalse(r.pilot.contactorCommanded(), "D3 opens the contactor at once");
        assertFalse(recover(r).accepted(), "refused while the reader is silent");
        reader.responding(true);
        assertError(r.cycle(), "D3", 3);
        assertTrue(recover(r).accepted(), "the reader answers again: the reset clears D3 (manual §9.1)");
        assertFalse(r.cycle().activeErrors().contains("D3"));
    }

    @Test
    void d9_configuredMidMeterSilent() {
        Rig r = rig();
        r.core.metering = () -> new MeteringSettings(MeteringSettings.VehicleMeter.MID,
                MeteringSettings.GridMeter.NONE);
        r.core.midMeter = r.meter;
        r.meter.set(0, 0);
        assertNull(r.cycle().error());
        r.meter.silence();
        r.cycle();
        assertNull(r.cycle(59_000).error(), "about a minute to answer (manual §9.1 note 5)");
        assertError(r.cycle(1_100), "D9", 3);
        r.meter.set(0, 0);
        r.cycle();
        assertTrue(recover(r).accepted());
    }

    @Test
    void d9_sixtySecondsAfterTheLastGoodReadingEvenOnceTheDriverWithdrewIt() {
        Rig r = rig();
        r.core.metering = () -> new MeteringSettings(MeteringSettings.VehicleMeter.MID,
                MeteringSettings.GridMeter.NONE);
        r.core.midMeter = r.meter;
        r.meter.set(0, 0);
        assertNull(r.cycle().error());
        // The last answer; the bus withdraws the reading after its hold (3 s): the documented 60 s still count from
        // the answer, not from the withdrawal (which made it 63 s).
        r.meter.set(r.meter.latest().orElseThrow());
        r.cycle(3_000);
        r.meter.silence();
        assertNull(r.cycle().error());
        assertNull(r.cycle(56_800).error());
        assertError(r.cycle(200), "D9", 3);
    }

    @Test
    void d9_raisedWhileAnIvyMeterStartsUpClearsByItselfOnceItAnswers() {
        Rig r = rig();
        r.core.metering = () -> new MeteringSettings(MeteringSettings.VehicleMeter.MID,
                MeteringSettings.GridMeter.NONE);
        r.core.midMeter = r.meter;
        r.core.midMeterProperties = Map.of(org.infinergi.core.charging.hal.Meter.STARTUP_GRACE_MS, 60_000L);
        r.meter.silence();
        assertNull(r.cycle().error());
        assertError(r.cycle(60_100), "D9", 3);
        assertTrue(r.core.status().detail().contains("manual §9.1 note 5"), r.core.status().detail());

        r.meter.set(0, 0); // the IVY meter answers after about a minute
        r.cycle();
        assertNull(r.cycle().error(), "transient: no reset needed");
    }

    @Test
    void d9_afterTheStartUpGraceLatchesAsBefore() {
        Rig r = rig();
        r.core.metering = () -> new MeteringSettings(MeteringSettings.VehicleMeter.MID,
                MeteringSettings.GridMeter.NONE);
        r.core.midMeter = r.meter;
        r.core.midMeterProperties = Map.of(org.infinergi.core.charging.hal.Meter.STARTUP_GRACE_MS, 60_000L);
        r.meter.set(0, 0);
        r.cycle();
        r.cycle(200_000);
        r.meter.silence();
        r.cycle();
        assertError(r.cycle(60_100), "D9", 3);

        r.meter.set(0, 0);
        r.cycle();
        assertError(r.cycle(), "D9", 3);
        assertTrue(recover(r).accepted());
    }

    @Test
    void d9_ofAMeterWithoutStartUpGraceLatchesAlsoAtStartUp() {
        Rig r = rig();
        r.core.metering = () -> new MeteringSettings(MeteringSettings.VehicleMeter.MID,
                MeteringSettings.GridMeter.NONE);
        r.core.midMeter = r.meter;
        r.meter.silence();
        r.cycle();
        assertError(r.cycle(60_100), "D9", 3);
        r.meter.set(0, 0);
        r.cycle();
        assertError(r.cycle(), "D9", 3);
    }

    @Test
    void d2_configuredCtRemoteMissing() {
        Rig r = rig();
        r.core.metering = () -> new MeteringSettings(MeteringSettings.VehicleMeter.INTERNAL,
                MeteringSettings.GridMeter.CT);
        r.cycle();
        assertError(r.cycle(60_000), "D2", 3);
        org.infinergi.core.charging.testing.FakeMeter grid = new org.infinergi.core.charging.testing.FakeMeter(
                r.clock);
        r.core.gridMeter = grid.set(0, 0);
        r.cycle();
        assertTrue(recover(r).accepted());
        assertNull(r.cycle().error());
    }

    @Test
    void noMidNoCt_noMeterErrors() {
        Rig r = rig();
        r.core.vehicleMeter = null;
        assertNull(r.cycle(120_000).error());
    }

    // ---- V3 non-compliant vehicle ----

    @Test
    void v3_vehicleKeepsDrawingAfterThePwmIsWithdrawn() {
        Rig r = new Rig(Rig.config());
        FixedLimitProvider dlm = new FixedLimitProvider(16, "dlm");
        r.core.limitProviders.add(dlm);
        r.charging();
        r.meter.setPhases(new double[] { 230, 230, 230 }, new double[] { 16, 16, 16 });
        dlm.set(0);
        assertEquals(ChargerState.PAUSED, r.cycle().state());
        assertTrue(r.cycle(2_900).contactorClosed());
        ChargerStatus s = r.cycle(100);
        assertError(s, "V3", 2);
        assertFalse(r.pilot.contactorCommanded());
    }

    @Test
    void v3_notJudgedOnTheLastReadingOfASilentMeter() {
        Rig r = new Rig(Rig.config());
        FixedLimitProvider dlm = new FixedLimitProvider(16, "dlm");
        r.core.limitProviders.add(dlm);
        r.charging();
        // The meter's last answer (16 A) is 10 s old: it says nothing about what flows now.
        r.meter.set(new org.infinergi.core.charging.hal.MeterReading(r.clock.instant().minusSeconds(10),
                new double[] { 230, 230, 230 }, new double[] { 16, 16, 16 }, 11_000, 0));
        dlm.set(0);
        r.cycle();
        ChargerStatus s = r.cycle(3_000);
        assertNull(s.error(), s.toString());
        assertFalse(s.contactorClosed());
    }

    @Test
    void v3_notRaisedWhenTheVehicleStops() {
        Rig r = new Rig(Rig.config());
        FixedLimitProvider dlm = new FixedLimitProvider(16, "dlm");
        r.core.limitProviders.add(dlm);
        r.charging();
        dlm.set(0);
        r.meter.setPhases(new double[] { 230, 230, 230 }, new double[] { 0.2, 0, 0 });
        r.cycle();
        ChargerStatus s = r.cycle(3_000);
        assertEquals(ChargerState.PAUSED, s.state());
        assertNull(s.error());
    }

    // ---- D8 / D3: exceptions inside the control loop ----

    @Test
    void d8_exceptionInTheCycle_safeSide_loopKeepsRunning() {
        Rig r = rig();
        r.charging();
        boolean[] broken = { true };
        r.core.thermalThresholds = () -> {
            if (broken[0]) {
                throw new IllegalStateException("bug");
            }
            return ThermalSettings.DEFAULTS;
        };
        ChargerStatus s = r.cycle();
        assertError(s, "D8", 3);
        assertFalse(r.pilot.contactorCommanded());
        assertEquals(0.0, r.pilot.dutyCycle(), "state F");
        assertFalse(recover(r).accepted(), "still failing");
        broken[0] = false;
        s = r.cycles(6);
        assertError(s, "D8", 3);
        assertEquals(100.0, r.pilot.dutyCycle(), "F held 300 ms only");
        refusedUntilUnplugged(r, "D8");
        assertTrue(recover(r).accepted());
        r.cycles(4);
        assertEquals(ChargerState.CHARGING, r.charging().state(), "the loop runs on and charges again");
    }

    @Test
    void d3_hardwareCommandThrows_safeSideAttempted() {
        Rig r = rig();
        r.charging();
        r.pilot.failWrites(new IllegalStateException("GPIO gone"));
        r.sensors.earth(false); // forces a command this cycle
        ChargerStatus s = r.cycle();
        assertEquals(ChargerState.ERROR, s.state());
        assertTrue(s.activeErrors().contains("D3"), s.activeErrors().toString());
        r.pilot.failWrites(null);
        s = r.cycle();
        assertFalse(r.pilot.contactorCommanded(), "safe side reached as soon as the hardware obeys");
        assertFalse(s.contactorClosed());
    }

    @Test
    void d3_optionalServiceReadThrows() {
        Rig r = rig();
        r.charging();
        r.sensors.fail(new IllegalStateException("I2C"));
        ChargerStatus s = r.cycle();
        assertError(s, "D3", 3);
        assertFalse(r.pilot.contactorCommanded());
    }

    // ---- Priority, status, history ----

    @Test
    void mostRelevantErrorShown_allListed() {
        Rig r = rig("voltageDebounceMs", 0);
        r.charging();
        r.meter.setPhases(new double[] { 190, 230, 230 }, new double[] { 16, 16, 16 });
        r.cycle();
        r.rdc.leak(true);
        ChargerStatus s = r.cycle();
        assertEquals("V2", s.error());
        assertEquals(2, s.errorCategory());
        assertEquals(List.of("V2", "I3"), s.activeErrors());
        assertTrue(s.detail().contains("also active: I3"), s.detail());
        String out = new StatusCommand(r.core).status();
        assertTrue(out.contains("active errors:       V2, I3"), out);
        assertTrue(out.contains("V2 (category 2)"), out);
    }

    // ---- User pause/resume, out of service ----

    @Test
    void userPause_andResume() {
        Rig r = rig();
        r.charging();
        ChargerControl.Result res = r.core.pause();
        assertTrue(res.accepted(), res.message());
        ChargerStatus s = r.cycle();
        assertEquals(ChargerState.PAUSED, s.state());
        assertEquals("paused by the user", s.detail());
        assertEquals(100.0, r.pilot.dutyCycle(), "PWM withdrawn first");
        assertFalse(r.core.pause().accepted(), "already paused");
        assertFalse(r.vehicle(PilotState.B).contactorClosed());
        assertTrue(r.core.resume().accepted());
        r.vehicle(PilotState.C);
        assertEquals(ChargerState.CHARGING, r.cycles(2).state());
        assertFalse(r.core.resume().accepted(), "not paused");
    }

    @Test
    void userPause_refusedWithoutVehicle_clearedOnUnplug() {
        Rig r = rig();
        assertFalse(r.core.pause().accepted());
        r.vehicle(PilotState.B);
        assertTrue(r.core.pause().accepted());
        assertEquals(ChargerState.PAUSED, r.cycle().state());
        r.vehicle(PilotState.A);
        assertEquals(ChargerState.WAITING_FOR_CURRENT, r.vehicle(PilotState.B).state(), "a new plug-in charges");
    }

    @Test
    void outOfService_noCharging() {
        Rig r = rig();
        r.charging();
        assertTrue(r.core.setOutOfService(true).accepted());
        ChargerStatus s = r.cycle();
        assertEquals(ChargerState.OUT_OF_SERVICE, s.state());
        assertEquals(100.0, r.pilot.dutyCycle());
        assertFalse(r.cycle(3_000).contactorClosed());
        r.vehicle(PilotState.B);
        assertEquals(ChargerState.OUT_OF_SERVICE, r.vehicle(PilotState.C).state());
        assertFalse(r.cycles(5).contactorClosed());
        r.core.setOutOfService(false);
        assertEquals(ChargerState.CHARGING, r.cycles(4).state());
    }
}
