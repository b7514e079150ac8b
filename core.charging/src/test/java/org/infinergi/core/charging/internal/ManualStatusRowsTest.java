package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargingModeService;
import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.LimitProvider;
import org.infinergi.core.charging.api.ModeDecision;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.testing.FixedLimitProvider;
import org.junit.jupiter.api.Test;

/**
 * Manual §8, issue 16: when DLM's limit wins below 6 A the status says "Current not available (DLM)", in B and when it
 * pauses a charge in C; when Green pauses for lack of surplus it says the suspension "Green energy not available".
 * The panel picks the logo's row by how the detail begins ({@link ChargerStatus#DETAIL_CURRENT_NOT_AVAILABLE_DLM},
 * {@link ChargerStatus#DETAIL_GREEN_ENERGY_NOT_AVAILABLE}).
 */
class ManualStatusRowsTest {

    /** A Green mode bundle whose answer the test sets. */
    private static final class Mode implements ChargingModeService {
        volatile ModeDecision decision = ModeDecision.charge();

        @Override
        public ModeDecision decide() {
            return decision;
        }
    }

    private static Rig rig(String activeMode, LimitProvider... limits) {
        Rig r = new Rig(Rig.config("activeMode", activeMode));
        r.core.limitProviders.add(new WiringLimitProvider(r.installation));
        for (LimitProvider l : limits) {
            r.core.limitProviders.add(l);
        }
        return r;
    }

    /** DLM's limit as feature.dlm names it, with its reason. */
    private static LimitProvider dlm(double amps, String why) {
        return () -> new Limit(amps, "DLM", why);
    }

    @Test
    void dlmBelowSixAmps_vehicleWaiting_currentNotAvailableDlm_withDlmsReason() {
        Rig r = rig("FAST", dlm(3.2, "room on L2: 3.2 A"));
        ChargerStatus s = r.vehicle(PilotState.B);
        assertEquals(ChargerState.WAITING_FOR_CURRENT, s.state(), s.toString());
        assertEquals("DLM", s.limitedBy());
        assertEquals(0.0, s.offeredCurrentA());
        assertTrue(s.detail().startsWith("Current not available (DLM): DLM allows 3.2 A"), s.detail());
        assertTrue(s.detail().contains("room on L2"), "DLM's own reason stays: " + s.detail());
    }

    @Test
    void dlmPausesACharge_currentNotAvailableDlm_andTheContactorOpensAsForAnyPause() {
        FixedLimitProvider dlm = new FixedLimitProvider(16, "DLM");
        Rig r = rig("FAST", dlm);
        r.charging();
        dlm.set(4);
        ChargerStatus s = r.cycle();
        assertEquals(ChargerState.PAUSED, s.state(), s.toString());
        assertTrue(s.detail().startsWith(ChargerStatus.DETAIL_CURRENT_NOT_AVAILABLE_DLM + ": "), s.detail());
        assertEquals(100.0, r.pilot.dutyCycle(), "PWM withdrawn first (IEC 61851-1)");
        r.vehicle(PilotState.B);
        s = r.cycle();
        assertFalse(s.contactorClosed());
        assertTrue(s.detail().startsWith(ChargerStatus.DETAIL_CURRENT_NOT_AVAILABLE_DLM), s.detail());
        dlm.set(10);
        s = r.cycle();
        assertEquals(10.0, s.offeredCurrentA(), "room again: offered again");
        assertFalse(s.detail().contains("not available"), s.detail());
    }

    @Test
    void dlmUnderGreen_dlmWinning_isStillCurrentNotAvailableDlm() {
        Rig r = rig("GREEN", dlm(0, "grid reading stale; paused on the safe side"));
        Mode green = new Mode();
        r.core.addModeService(green, Map.of(ChargingModeService.MODE, "GREEN"));
        green.decision = ModeDecision.current(8, "surplus 1.9 kW");
        ChargerStatus s = r.vehicle(PilotState.B);
        assertEquals("DLM", s.limitedBy());
        assertTrue(s.detail().startsWith(ChargerStatus.DETAIL_CURRENT_NOT_AVAILABLE_DLM), s.detail());
    }

    @Test
    void greenPausesForLackOfSurplus_suspendedGreenEnergyNotAvailable_withGreensReason() {
        Rig r = rig("GREEN", new FixedLimitProvider(16, "DLM"));
        Mode green = new Mode();
        r.core.addModeService(green, Map.of(ChargingModeService.MODE, "GREEN"));
        r.charging();
        green.decision = ModeDecision.suspendedAs(ChargerStatus.DETAIL_GREEN_ENERGY_NOT_AVAILABLE,
                "Green energy not available: surplus 0.6 kW below 1.4 kW");
        ChargerStatus s = r.cycle();
        assertEquals(ChargerState.PAUSED, s.state(), s.toString());
        assertEquals("mode GREEN", s.limitedBy());
        assertEquals("Suspended: green energy not available: mode GREEN: Green energy not available: surplus 0.6 kW "
                + "below 1.4 kW", s.detail());
    }

    @Test
    void aGreenProgramPausingForLackOfSurplus_showsGreensRow_notThePlainSuspension() {
        Rig r = rig("PROGRAMMED", new FixedLimitProvider(16, "DLM"));
        Mode programmed = new Mode();
        r.core.addModeService(programmed, Map.of(ChargingModeService.MODE, "PROGRAMMED"));
        r.charging();
        // Manual §5.1.3: a program may charge Green; when it pauses for want of surplus the row is Green's (§8).
        programmed.decision = ModeDecision.suspendedAs(ChargerStatus.DETAIL_GREEN_ENERGY_NOT_AVAILABLE,
                "P2: Green at 100 %: Green energy not available: surplus 0.6 kW below 1.4 kW").withProgram("P2");
        ChargerStatus s = r.cycle();
        assertEquals(ChargerState.PAUSED, s.state(), s.toString());
        assertEquals("P2", s.activeProgram());
        assertTrue(s.detail().startsWith(ChargerStatus.DETAIL_GREEN_ENERGY_NOT_AVAILABLE + ": mode PROGRAMMED: P2"),
                s.detail());
    }

    @Test
    void aProgramOff_isThePlainSuspension_notGreensRow() {
        Rig r = rig("PROGRAMMED", new FixedLimitProvider(16, "DLM"));
        Mode programmed = new Mode();
        r.core.addModeService(programmed, Map.of(ChargingModeService.MODE, "PROGRAMMED"));
        r.charging();
        programmed.decision = ModeDecision.pause("P1: Off, no charging in this program (manual §5.1.5)")
                .withProgram("P1");
        ChargerStatus s = r.cycle();
        assertEquals(ChargerState.PAUSED, s.state(), s.toString());
        assertFalse(s.detail().startsWith(ChargerStatus.DETAIL_GREEN_ENERGY_NOT_AVAILABLE), s.detail());
    }

    @Test
    void anotherLimitBelowSixAmps_keepsItsOwnWords() {
        Rig r = rig("FAST", new FixedLimitProvider(4, "thermal derating"));
        ChargerStatus s = r.vehicle(PilotState.B);
        assertTrue(s.detail().startsWith("no current available: thermal derating allows 4.0 A"), s.detail());
        Mode programmed = new Mode();
        Rig p = rig("PROGRAMMED", new FixedLimitProvider(16, "DLM"));
        p.core.addModeService(programmed, Map.of(ChargingModeService.MODE, "PROGRAMMED"));
        programmed.decision = ModeDecision.pause("P1: Off, no charging in this program (manual §5.1.5)");
        s = p.vehicle(PilotState.B);
        assertTrue(s.detail().startsWith("paused: mode PROGRAMMED: P1: Off"), s.detail());
    }
}
