package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.PilotState;
import org.junit.jupiter.api.Test;

/**
 * Manual §5.7: on a model with the RFID reader (§2.6) a charge with authentication configured starts only after a
 * valid card. After a start the authentication feature comes up some seconds after the core: a vehicle connected in
 * between must not charge unauthenticated. Models without the reader have no authentication and charge at once.
 */
class AuthenticationAtStartTest {

    private static Rig readerModel() {
        return ErrorModelTest.rig("model", "INFINERGI-3T-DR", "rfidReader", "true");
    }

    @Test
    void readerModel_authenticationNotStartedYet_vehicleInC_waitsWithContactorOpen() {
        Rig r = readerModel();
        r.vehicle(PilotState.C);
        ChargerStatus s = r.cycles(20);
        assertEquals(ChargerState.WAITING_FOR_AUTHENTICATION, s.state(), s.toString());
        assertEquals(ControlLogic.DETAIL_AUTHENTICATION_STARTING, s.detail(), "a card is not read yet");
        assertEquals(100.0, r.pilot.dutyCycle(), "no PWM offer before authentication");
        assertFalse(r.pilot.contactorCommanded(), "no charge without a card");
    }

    @Test
    void readerModel_authenticationStartsInModeFree_vehicleCharges() {
        Rig r = readerModel();
        r.vehicle(PilotState.C);
        assertEquals(ChargerState.WAITING_FOR_AUTHENTICATION, r.cycles(5).state());
        r.core.authorization = () -> false;
        ChargerStatus s = r.cycles(8);
        assertEquals(ChargerState.CHARGING, s.state(), s.toString());
        assertTrue(r.pilot.contactorCommanded());
    }

    @Test
    void readerModel_authenticationStartsWithAList_vehicleWaitsForACard() {
        Rig r = readerModel();
        r.vehicle(PilotState.C);
        r.cycles(5);
        r.core.authorization = () -> true;
        ChargerStatus s = r.cycles(10);
        assertEquals(ChargerState.WAITING_FOR_AUTHENTICATION, s.state());
        assertEquals(ControlLogic.DETAIL_AUTHENTICATION, s.detail(), "now a card is read");
        assertFalse(r.pilot.contactorCommanded());
        assertTrue(r.core.authorize("04A2B3C4").accepted());
        assertEquals(ChargerState.CHARGING, r.cycles(8).state());
    }

    @Test
    void readerModel_authenticationGoesAway_vehicleWaitsAgain() {
        Rig r = readerModel();
        r.core.authorization = () -> false;
        r.vehicle(PilotState.B);
        r.core.authorization = null;
        ChargerStatus s = r.cycles(3);
        assertEquals(ChargerState.WAITING_FOR_AUTHENTICATION, s.state(), s.toString());
        assertEquals(ControlLogic.DETAIL_AUTHENTICATION_STARTING, s.detail());
    }

    @Test
    void modelWithoutReader_noAuthenticationService_vehicleCharges() {
        Rig r = ErrorModelTest.rig("model", "INFINERGI-3T", "rfidReader", "false");
        r.vehicle(PilotState.C);
        ChargerStatus s = r.cycles(8);
        assertEquals(ChargerState.CHARGING, s.state(), s.toString());
        assertTrue(r.pilot.contactorCommanded());
    }

    @Test
    void labelWithoutTheReaderKey_isAModelWithoutReader() {
        assertFalse(new DeviceComponent(Map.of("model", "INFINERGI-3U")).settings().rfidReader());
        assertTrue(new DeviceComponent(Map.of("model", "INFINERGI-3U-DR", "rfidReader", "true")).settings()
                .rfidReader());
        Rig r = ErrorModelTest.rig("model", "INFINERGI-3U");
        r.vehicle(PilotState.C);
        assertEquals(ChargerState.CHARGING, r.cycles(8).state());
    }
}
