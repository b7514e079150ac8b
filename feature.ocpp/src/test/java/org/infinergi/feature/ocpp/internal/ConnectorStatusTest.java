package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ErrorCode;
import org.junit.jupiter.api.Test;

class ConnectorStatusTest {

    private static ConnectorStatus.Input in(ChargerState s, String pilot, boolean contactor, double offered) {
        return new ConnectorStatus.Input(s, pilot, contactor, offered, null, null);
    }

    private static String status(ConnectorStatus.Input in) {
        return ConnectorStatus.ofConnector(in).status();
    }

    @Test
    void aPlugChargeUnplugSequence() {
        assertEquals("Available", status(in(ChargerState.VEHICLE_NOT_CONNECTED, "A", false, 0)));
        assertEquals("Preparing", status(new ConnectorStatus.Input(ChargerState.WAITING_FOR_CURRENT, "B", false, 0,
                null, ChargerStatus.DETAIL_PRE_CHARGE_TEST)));
        assertEquals("Charging", status(in(ChargerState.CHARGING, "C", true, 16)));
        assertEquals("Finishing", status(in(ChargerState.TERMINATED, "B", false, 0)));
        assertEquals("Available", status(in(ChargerState.VEHICLE_NOT_CONNECTED, "A", false, 0)));
    }

    @Test
    void whoSuspends_theCarOrTheCharger() {
        assertEquals("SuspendedEV", status(in(ChargerState.CHARGING, "B", true, 16)));
        assertEquals("SuspendedEVSE", status(in(ChargerState.PAUSED, "B", false, 0)));
        assertEquals("SuspendedEVSE", status(in(ChargerState.WAITING_FOR_CURRENT, "B", false, 0)));
        assertEquals("Preparing", status(in(ChargerState.WAITING_FOR_AUTHENTICATION, "B", false, 0)));
    }

    @Test
    void notUsable_isUnavailable_onBothConnectors() {
        for (ChargerState s : new ChargerState[] {ChargerState.INITIALISING, ChargerState.NOT_ENABLED,
                ChargerState.OUT_OF_SERVICE, ChargerState.UPDATING}) {
            assertEquals("Unavailable", status(in(s, "A", false, 0)), s.name());
            assertEquals("Unavailable", ConnectorStatus.ofChargePoint(in(s, "A", false, 0)).status());
        }
        assertEquals("Available", ConnectorStatus.ofChargePoint(in(ChargerState.CHARGING, "C", true, 16)).status());
    }

    @Test
    void faulted_carriesTheManualsCodeAsVendorErrorCode() {
        ConnectorStatus d9 = ConnectorStatus.ofConnector(
                new ConnectorStatus.Input(ChargerState.ERROR, "B", false, 0, "D9", null));
        assertEquals(new ConnectorStatus("Faulted", "PowerMeterFailure", "D9",
                "Communication error with MID meter"), d9);
        assertEquals(d9, ConnectorStatus.ofChargePoint(
                new ConnectorStatus.Input(ChargerState.ERROR, "B", false, 0, "D9", null)));
        assertEquals("NoError", ConnectorStatus.ofConnector(in(ChargerState.CHARGING, "C", true, 16)).errorCode());
        assertNull(ConnectorStatus.ofConnector(in(ChargerState.CHARGING, "C", true, 16)).vendorErrorCode());
    }

    @Test
    void everyErrorOfTheManual_hasAnOcppErrorCode() {
        for (ErrorCode c : ErrorCode.values()) {
            ConnectorStatus s = ConnectorStatus.ofConnector(
                    new ConnectorStatus.Input(ChargerState.ERROR, null, false, 0, c.name(), null));
            assertEquals(c.name(), s.vendorErrorCode());
        }
        assertEquals("GroundFailure", ConnectorStatus.ocppErrorOf(ErrorCode.V2));
        assertEquals("HighTemperature", ConnectorStatus.ocppErrorOf(ErrorCode.D7));
    }

    @Test
    void readsTheStatusChangedEvent() {
        ConnectorStatus.Input i = ConnectorStatus.Input.of(Map.of("state", "CHARGING", "pilotState", "C",
                "contactorClosed", true, "offeredCurrentA", 16.0, "mode", "FAST"));
        assertEquals(in(ChargerState.CHARGING, "C", true, 16), i);
        assertNull(ConnectorStatus.Input.of(Map.of("state", "NO_SUCH_STATE")));
    }
}
