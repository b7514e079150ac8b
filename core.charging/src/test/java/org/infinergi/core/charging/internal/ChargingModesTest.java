package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargingModeService;
import org.infinergi.core.charging.api.ModeDecision;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.testing.FixedLimitProvider;
import org.junit.jupiter.api.Test;

/**
 * Manual §5.1, ARCHITECTURE.md "Modes are bundles": the active mode's service says charge, at most so much, or do
 * not charge now because …; Fast needs none; a mode without its service keeps the safe answer.
 */
class ChargingModesTest {

    /** A mode bundle whose answer the test sets. */
    private static final class Mode implements ChargingModeService {
        volatile ModeDecision decision = ModeDecision.charge();

        @Override
        public ModeDecision decide() {
            return decision;
        }
    }

    private static Rig rig(String activeMode) {
        Rig r = new Rig(Rig.config("activeMode", activeMode));
        r.core.limitProviders.add(new FixedLimitProvider(16, "dlm"));
        return r;
    }

    private static Map<String, Object> named(String mode) {
        return Map.of(ChargingModeService.MODE, mode);
    }

    @Test
    void theActiveModesService_decides_andItsPauseReasonIsShown() {
        Rig r = rig("GREEN");
        Mode green = new Mode();
        r.core.addModeService(green, named("GREEN"));
        green.decision = ModeDecision.suspendedAs(ChargerStatus.DETAIL_GREEN_ENERGY_NOT_AVAILABLE,
                "green energy not available");
        ChargerStatus s = r.vehicle(PilotState.B);
        // Manual §8: "Charging was suspended … Green energy not available".
        assertEquals(ChargerState.PAUSED, s.state(), s.toString());
        assertEquals(0.0, s.offeredCurrentA());
        assertEquals("mode GREEN", s.limitedBy());
        assertEquals(ChargerStatus.DETAIL_GREEN_ENERGY_NOT_AVAILABLE + ": mode GREEN: green energy not available",
                s.detail());
        green.decision = ModeDecision.charge();
        s = r.charging();
        assertEquals(16.0, s.offeredCurrentA(), "no limit of its own: the providers' minimum");
        assertEquals("dlm", s.limitedBy());
        green.decision = ModeDecision.pause("green energy not available");
        s = r.cycle();
        assertEquals(ChargerState.PAUSED, s.state(), s.toString());
        assertEquals(100.0, r.pilot.dutyCycle(), "PWM offer withdrawn first (IEC 61851-1)");
        r.vehicle(PilotState.B);
        assertFalse(r.cycle().contactorClosed());
    }

    @Test
    void theProgramTheModeRuns_isTheStatusActiveProgram_evenWhenItsLimitDoesNotWin() {
        Rig r = rig("PROGRAMMED");
        Mode programmed = new Mode();
        r.core.addModeService(programmed, named("PROGRAMMED"));
        programmed.decision = ModeDecision.charge().withProgram("P3");
        ChargerStatus s = r.vehicle(PilotState.B);
        // Issue 16: the active program's number is in the status, also while DLM sets the current.
        assertEquals("P3", s.activeProgram(), s.toString());
        assertEquals("dlm", s.limitedBy());
        programmed.decision = ModeDecision.pause("invalid charging program: the clock is not set");
        s = r.cycle();
        assertEquals(null, s.activeProgram(), "no program runs without a clock");
        assertEquals(ChargerState.PAUSED, s.state(), s.toString());
    }

    @Test
    void aModesCurrentOrPowerLimit_lowersTheOffer_andIsNamed() {
        Rig r = rig("PROGRAMMED");
        Mode programmed = new Mode();
        r.core.addModeService(programmed, named("PROGRAMMED"));
        programmed.decision = ModeDecision.current(10, "program P2");
        ChargerStatus s = r.vehicle(PilotState.B);
        assertEquals(10.0, s.offeredCurrentA(), s.toString());
        assertEquals("mode PROGRAMMED", s.limitedBy());
        // 4.14 kW on three phases at 230 V: 6 A per phase.
        programmed.decision = ModeDecision.power(4_140, "program P3: 4.1 kW");
        assertEquals(6.0, r.cycle().offeredCurrentA(), 1e-9);
        // 3 kW: 4.3 A, below the 6 A minimum: current not available (manual §8).
        programmed.decision = ModeDecision.power(3_000, "program P3: 3 kW");
        s = r.cycle();
        assertEquals(ChargerState.WAITING_FOR_CURRENT, s.state());
        assertEquals(0.0, s.offeredCurrentA());
        assertTrue(s.detail().startsWith("no current available: mode PROGRAMMED allows 4.3 A"), s.detail());
    }

    @Test
    void fastNeedsNoService_andIgnoresTheOtherModes() {
        Rig r = rig("FAST");
        Mode green = new Mode();
        green.decision = ModeDecision.pause("green energy not available");
        r.core.addModeService(green, named("GREEN"));
        ChargerStatus s = r.vehicle(PilotState.B);
        assertEquals(16.0, s.offeredCurrentA(), s.toString());
        assertEquals("dlm", s.limitedBy());
    }

    @Test
    void anotherModesService_orAServiceGone_leavesTheModeNotInstalled() {
        Rig r = rig("OCPP");
        Mode green = new Mode();
        r.core.addModeService(green, named("GREEN"));
        assertEquals("mode OCPP not installed", r.vehicle(PilotState.B).limitedBy());
        Mode ocpp = new Mode();
        r.core.addModeService(ocpp, named("OCPP"));
        assertEquals(16.0, r.cycle().offeredCurrentA());
        r.core.removeModeService(ocpp);
        ChargerStatus s = r.cycle();
        assertEquals(0.0, s.offeredCurrentA());
        assertEquals("mode OCPP not installed", s.limitedBy());
    }

    @Test
    void aFailingOrSilentModeService_pausesOnTheSafeSide() {
        Rig r = rig("GREEN");
        r.core.addModeService(() -> {
            throw new IllegalStateException("surplus unknown");
        }, named("GREEN"));
        ChargerStatus s = r.vehicle(PilotState.B);
        assertEquals(0.0, s.offeredCurrentA());
        assertEquals(ChargerState.PAUSED, s.state());
        assertTrue(s.detail().contains("mode GREEN failed"), s.detail());

        Rig silent = rig("GREEN");
        silent.core.addModeService(() -> null, named("GREEN"));
        assertEquals(0.0, silent.vehicle(PilotState.B).offeredCurrentA());
    }

    @Test
    void aServiceNamingNoMode_isIgnored() {
        Rig r = rig("GREEN");
        r.core.addModeService(new Mode(), named("SOLAR"));
        assertEquals("mode GREEN not installed", r.vehicle(PilotState.B).limitedBy());
    }
}
