package org.infinergi.feature.panel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.feature.panel.internal.LedPattern.Kind;
import org.infinergi.feature.panel.internal.PanelSituation.Authorisation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Manual §8, one test per row of the table (in the manual's order), then precedence and §9.1 categories. */
class LedLogicTest {

    /** The row for {@code s}; the same row when the panel knows {@code s} from the core's STATUS_CHANGED only. */
    private static LedSignal signal(ChargerStatus s) {
        LedSignal direct = LedLogic.signal(PanelSituation.of(s, false, true));
        LedSignal told = LedLogic.signal(PanelSituation.of(StatusEvent.parse(Statuses.event(s)), false, true));
        assertEquals(direct, told, "the event carries what the row needs: " + s);
        return direct;
    }

    private static void assertRow(LedColour colour, Kind kind, int durationMs, LedSignal actual) {
        assertEquals(colour, actual.colour(), actual.meaning());
        assertEquals(kind, actual.pattern().kind(), actual.meaning());
        assertEquals(durationMs, actual.pattern().durationMs(), actual.meaning());
    }

    @Test
    void row01StartupSingleBlink600() {
        assertRow(LedColour.WHITE, Kind.SINGLE_BLINK, 600,
                LedLogic.signal(PanelSituation.of(Statuses.of(ChargerState.VEHICLE_NOT_CONNECTED), true, true)));
        assertRow(LedColour.WHITE, Kind.SINGLE_BLINK, 600, signal(Statuses.of(ChargerState.INITIALISING)));
    }

    @Test
    void row02VehicleNotConnectedOff() {
        assertRow(LedColour.OFF, Kind.OFF, 0, signal(Statuses.of(ChargerState.VEHICLE_NOT_CONNECTED)));
    }

    @Test
    void row03CurrentNotAvailableFixed() {
        assertRow(LedColour.YELLOW, Kind.FIXED, 0,
                signal(Statuses.of(ChargerState.WAITING_FOR_CURRENT, PilotState.B, 0, false)));
    }

    @Test
    void row03CurrentNotAvailableDlm_inBAndWhenDlmStopsACharge_saysDlm() {
        String dlm = ChargerStatus.DETAIL_CURRENT_NOT_AVAILABLE_DLM + ": DLM allows 3.2 A, below the 6 A minimum";
        LedSignal waiting = signal(Statuses.withDetail(ChargerState.WAITING_FOR_CURRENT, PilotState.B, 0, dlm));
        assertRow(LedColour.YELLOW, Kind.FIXED, 0, waiting);
        assertTrue(waiting.meaning().contains("Current not available (DLM)"), waiting.meaning());
        // DLM pausing a charge in C: the core's state is PAUSED, the logo still shows "current not available".
        LedSignal paused = signal(Statuses.withDetail(ChargerState.PAUSED, PilotState.C, 0, dlm));
        assertRow(LedColour.YELLOW, Kind.FIXED, 0, paused);
        assertTrue(paused.meaning().contains("Current not available (DLM)"), paused.meaning());
    }

    @Test
    void row05SuspendedGreenEnergyNotAvailable_whenGreenPausesForLackOfSurplus() {
        LedSignal s = signal(Statuses.withDetail(ChargerState.PAUSED, PilotState.C, 0,
                ChargerStatus.DETAIL_GREEN_ENERGY_NOT_AVAILABLE + ": mode GREEN: surplus 0.6 kW"));
        assertRow(LedColour.BLUE, Kind.PERIODIC, 2000, s);
        assertTrue(s.meaning().contains("green energy not available"), s.meaning());
        LedSignal user = signal(Statuses.withDetail(ChargerState.PAUSED, PilotState.C, 0, "paused by the user"));
        assertEquals("Charging was suspended.", user.meaning(), "any other pause keeps the plain row");
    }

    @Test
    void theOcppModesPauses_showTheirRows() {
        LedSignal waiting = signal(Statuses.withDetail(ChargerState.PAUSED, PilotState.B, 0,
                ChargerStatus.DETAIL_OCPP_WAITING_FOR_TRANSACTION + ": mode OCPP: StartTransaction sent"));
        assertEquals(LedLogic.OCPP_TRANSACTION_PENDING, waiting);
        LedSignal authorizing = signal(Statuses.withDetail(ChargerState.PAUSED, PilotState.B, 0,
                ChargerStatus.DETAIL_OCPP_AUTHORIZATION_IN_PROGRESS + ": mode OCPP: Authorize sent"));
        assertEquals(LedLogic.AUTH_REQUEST, authorizing);
        LedSignal notEnabled = signal(Statuses.withDetail(ChargerState.PAUSED, PilotState.C, 0,
                ChargerStatus.DETAIL_OCPP_NOT_ENABLED + ": mode OCPP: no transaction"));
        assertEquals("Charging was suspended.", notEnabled.meaning());
    }

    @Test
    void row04IncompleteInstallationPeriodic1000() {
        ChargerStatus notEnabled = Statuses.of(ChargerState.NOT_ENABLED, PilotState.A, 0, false);
        assertRow(LedColour.YELLOW, Kind.PERIODIC, 1000, LedLogic.signal(PanelSituation.of(notEnabled, false, false)));
        // manual §4.10: the device stays in configuration mode whatever happens at the plug
        ChargerStatus plugged = Statuses.of(ChargerState.NOT_ENABLED, PilotState.B, 0, false);
        assertRow(LedColour.YELLOW, Kind.PERIODIC, 1000, LedLogic.signal(PanelSituation.of(plugged, false, false)));
    }

    @Test
    void row05SuspendedPeriodic2000() {
        assertRow(LedColour.BLUE, Kind.PERIODIC, 2000, signal(Statuses.of(ChargerState.PAUSED, PilotState.C, 0, false)));
        assertRow(LedColour.BLUE, Kind.PERIODIC, 2000, signal(Statuses.of(ChargerState.PAUSED, PilotState.D, 0, false)));
        // "Device not enabled for charging (only in OCPP mode)"
        assertRow(LedColour.BLUE, Kind.PERIODIC, 2000, signal(Statuses.of(ChargerState.NOT_ENABLED, PilotState.B, 0,
                false, null, ChargingMode.OCPP)));
    }

    @Test
    void row06WaitingForVehicleToStartFixed() {
        assertRow(LedColour.BLUE, Kind.FIXED, 0,
                signal(Statuses.of(ChargerState.WAITING_FOR_CURRENT, PilotState.B, 16, false)));
        assertRow(LedColour.BLUE, Kind.FIXED, 0,
                signal(Statuses.of(ChargerState.WAITING_FOR_AUTHENTICATION, PilotState.B, 0, false)));
    }

    @Test
    void row07TestBeforeChargePeriodic200() {
        assertRow(LedColour.GREEN, Kind.PERIODIC, 200, signal(Statuses.of(ChargerState.CHARGING, PilotState.C, 16, false)));
        // The core's RDC-DD self-test (manual §4.3) runs with the offer on, in B or C, the contactor still open.
        for (PilotState p : new PilotState[] {PilotState.B, PilotState.C}) {
            assertRow(LedColour.GREEN, Kind.PERIODIC, 200, signal(Statuses.withDetail(ChargerState.WAITING_FOR_CURRENT,
                    p, 16, ChargerStatus.DETAIL_PRE_CHARGE_TEST)));
        }
        assertRow(LedColour.BLUE, Kind.FIXED, 0, signal(Statuses.withDetail(ChargerState.WAITING_FOR_CURRENT,
                PilotState.B, 16, "current offered, waiting for the vehicle to start charging")));
    }

    @Test
    void row08ChargingCompleteFixed() {
        assertRow(LedColour.GREEN, Kind.FIXED, 0, signal(Statuses.of(ChargerState.TERMINATED, PilotState.B, 16, false)));
    }

    @Test
    void row09ChargingPeriodic1000() {
        assertRow(LedColour.GREEN, Kind.PERIODIC, 1000, signal(Statuses.of(ChargerState.CHARGING, PilotState.C, 16, true)));
    }

    @Test
    void row10ValidAuthenticationDoubleBlink350() {
        assertRow(LedColour.GREEN, Kind.DOUBLE_BLINK, 350, LedLogic.signal(new PanelSituation(
                Statuses.of(ChargerState.WAITING_FOR_AUTHENTICATION, PilotState.B, 0, false), false, true,
                Authorisation.VALID, false)));
    }

    @Test
    void row11UpdatePeriodic2000() {
        assertRow(LedColour.MAGENTA, Kind.PERIODIC, 2000, signal(Statuses.of(ChargerState.UPDATING)));
    }

    @Test
    void row12OcppTransactionPendingFixed() {
        assertRow(LedColour.CYAN, Kind.FIXED, 0, LedLogic.signal(new PanelSituation(
                Statuses.of(ChargerState.WAITING_FOR_CURRENT, PilotState.B, 0, false, null, ChargingMode.OCPP), false,
                true, Authorisation.NONE, true)));
    }

    @Test
    void row13AuthorisationRequestSingleBlink500() {
        assertRow(LedColour.CYAN, Kind.SINGLE_BLINK, 500, LedLogic.signal(new PanelSituation(
                Statuses.of(ChargerState.WAITING_FOR_AUTHENTICATION, PilotState.B, 0, false), false, true,
                Authorisation.REQUEST_IN_PROGRESS, false)));
    }

    @Test
    void row14FailedAuthenticationDoubleBlink350() {
        assertRow(LedColour.RED, Kind.DOUBLE_BLINK, 350, LedLogic.signal(new PanelSituation(
                Statuses.of(ChargerState.WAITING_FOR_AUTHENTICATION, PilotState.B, 0, false), false, true,
                Authorisation.FAILED, false)));
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void row15ErrorBlinksItsCategory(ErrorCode code) {
        LedSignal s = signal(Statuses.error(code.name()));
        assertEquals(LedColour.RED, s.colour());
        assertEquals(Kind.ERROR_CATEGORY, s.pattern().kind());
        assertEquals(code.category().number(), s.pattern().blinks(), code.name());
    }

    @Test
    void errorWithoutKnownCodeBlinksDeviceCategory() {
        assertEquals(3, signal(Statuses.error(null)).pattern().blinks());
        assertEquals(3, signal(Statuses.error("X9")).pattern().blinks());
        assertEquals(2, signal(Statuses.error("v3")).pattern().blinks(), "the manual writes v3..v5 in lower case");
    }

    @Test
    void outOfServiceAndChargingDisabledAreDark() {
        assertRow(LedColour.OFF, Kind.OFF, 0, signal(Statuses.of(ChargerState.OUT_OF_SERVICE)));
        assertRow(LedColour.OFF, Kind.OFF, 0, signal(Statuses.of(ChargerState.NOT_ENABLED, PilotState.B, 0, false)));
    }

    @Test
    void precedenceStartupThenErrorThenUpdateThenInstallation() {
        ChargerStatus err = Statuses.error("I1");
        assertEquals(LedLogic.STARTUP, LedLogic.signal(PanelSituation.of(err, true, false)));
        assertEquals(Kind.ERROR_CATEGORY, LedLogic.signal(PanelSituation.of(err, false, false)).pattern().kind());
        assertEquals(LedLogic.UPDATING, LedLogic.signal(PanelSituation.of(Statuses.of(ChargerState.UPDATING), false,
                false)));
        // an error code with a non-error state (e.g. a self-clearing cause still pending) still blinks red
        ChargerStatus paused = Statuses.of(ChargerState.PAUSED, PilotState.C, 0, false, "D7", ChargingMode.FAST);
        assertEquals(3, signal(paused).pattern().blinks());
    }
}
