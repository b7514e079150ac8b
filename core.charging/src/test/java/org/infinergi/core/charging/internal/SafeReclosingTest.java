package org.infinergi.core.charging.internal;

import static org.infinergi.core.charging.internal.ErrorModelTest.assertError;
import static org.infinergi.core.charging.internal.ErrorModelTest.recover;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.PilotState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 15 "Safe re-closing": after a latched vehicle or protection fault the contactor closes again only once the
 * RDC-DD has passed its self-test again (manual §4.3), and — where manual §9.1's remedy begins with "Disconnect the
 * vehicle" — not before the vehicle was disconnected: a reset with the vehicle still plugged in is refused as often
 * as it is repeated, and nothing flows.
 */
class SafeReclosingTest {

    private static Rig rig() {
        return ErrorModelTest.rig();
    }

    /** Runs {@code n} cycles and fails if the contactor is commanded closed in any of them. */
    private static ChargerStatus neverCloses(Rig r, int n, String why) {
        ChargerStatus s = r.core.status();
        for (int i = 0; i < n; i++) {
            s = r.cycle();
            assertFalse(r.pilot.contactorCommanded(), why + ": " + s);
            assertFalse(s.contactorClosed(), why + ": " + s);
        }
        return s;
    }

    @Test
    void v2_resetsWhileTheLeakageStaysAndTheVehicleIsPluggedIn_areRefused_theContactorNeverRecloses() {
        Rig r = rig();
        r.charging();
        r.rdc.leak(true);
        assertError(r.cycle(), "V2", 2);
        for (int attempt = 0; attempt < 5; attempt++) {
            ChargerControl.Result res = recover(r);
            assertFalse(res.accepted(), res.message());
            assertTrue(res.message().contains("V2"), res.message());
            neverCloses(r, 20, "reset " + attempt + " with the leakage present");
        }
        assertEquals(1, r.rdc.testsStarted(), "no new charge attempt");
    }

    @Test
    void v2_leakageGoneButVehicleStillPluggedIn_resetRefused_theContactorNeverRecloses() {
        Rig r = rig();
        r.charging();
        r.rdc.leak(true);
        r.cycle();
        r.rdc.leak(false);
        r.cycle();
        for (int attempt = 0; attempt < 3; attempt++) {
            ChargerControl.Result res = recover(r);
            assertFalse(res.accepted(), res.message());
            assertTrue(res.message().contains(LatchAndRecovery.DISCONNECT_THE_VEHICLE), res.message());
            neverCloses(r, 20, "manual §9.1: disconnect the vehicle first");
        }
    }

    @Test
    void v2_afterUnplugAndReset_aLeakageStillPresent_failsTheSelfTestBeforeTheContactorCloses() {
        Rig r = rig();
        r.charging();
        r.rdc.leak(true);
        r.cycle();
        r.rdc.leak(false);
        r.cycle();
        r.vehicle(PilotState.A);
        r.cycles(10);
        assertTrue(recover(r).accepted());
        // The source of the leakage was not cleared: the RDC-DD sees it again once the vehicle is back.
        r.rdc.leak(true);
        r.vehicle(PilotState.B);
        r.pilot.vehicle(PilotState.C);
        ChargerStatus s = neverCloses(r, 40, "the RDC-DD self-test must pass first");
        assertEquals(2, r.rdc.testsStarted(), "tested again before the re-close");
        assertError(s, "D6", 3);
        assertTrue(s.detail().contains("did not release"), s.detail());
    }

    /** A fault's cause, set (true) or removed (false), on the fakes of the rig. */
    enum Cause {
        V2(ErrorCode.V2, (r, on) -> r.rdc.leak(on)),
        I1(ErrorCode.I1, (r, on) -> r.sensors.earth(!on)),
        V4(ErrorCode.V4, (r, on) -> r.pilot.vehicle(on ? PilotState.E : PilotState.C)),
        D4(ErrorCode.D4, (r, on) -> r.pilot.forceFeedback(on ? Boolean.FALSE : null)),
        I2(ErrorCode.I2, (r, on) -> r.sensors.phaseNeutralReversed(on));

        final ErrorCode code;
        final java.util.function.BiConsumer<Rig, Boolean> set;

        Cause(ErrorCode code, java.util.function.BiConsumer<Rig, Boolean> set) {
            this.code = code;
            this.set = set;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Cause.class)
    void afterALatchedFault_theNextCloseWaitsForAPassedSelfTest(Cause cause) {
        Rig r = rig();
        r.charging();
        int tests = r.rdc.testsStarted();
        cause.set.accept(r, true);
        ChargerStatus s = r.cycles(10);
        assertEquals(cause.code.name(), s.error(), s.toString());
        assertFalse(r.pilot.contactorCommanded());
        cause.set.accept(r, false);
        r.cycles(2);
        if (LatchAndRecovery.DISCONNECT_FIRST.contains(cause.code)) {
            r.vehicle(PilotState.A);
            r.cycles(10);
        }
        ChargerControl.Result res = recover(r);
        assertTrue(res.accepted(), res.message());
        r.vehicle(PilotState.B);
        r.pilot.vehicle(PilotState.C);
        closesOnlyAfterASelfTest(r, tests, s2 -> assertEquals(ChargerState.CHARGING, s2.state(), s2.toString()));
    }

    private static void closesOnlyAfterASelfTest(Rig r, int testsBefore, Consumer<ChargerStatus> charging) {
        for (int i = 0; i < 40; i++) {
            ChargerStatus s = r.cycle();
            if (r.pilot.contactorCommanded()) {
                assertEquals(testsBefore + 1, r.rdc.testsStarted(), "a new self-test before the re-close");
                assertFalse(r.rdc.testCurrent(), "the self-test is over (passed) before the re-close");
                charging.accept(s);
                return;
            }
        }
        throw new AssertionError("never charged again: " + r.core.status());
    }
}
