package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.core.charging.testing.Defaults;
import org.infinergi.core.charging.testing.FakeDevice;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

class OcppComponentTest {

    private static boolean ocppThreadRuns() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("infinergi-ocpp"));
    }

    @Test
    void withoutAUrl_theClientDoesNothing() {
        OcppComponent c = new OcppComponent(new FakeDevice(), Defaults.of(OcppConfig.class), null);
        c.handleEvent(new Event(ChargerEvents.STATUS_CHANGED, Map.of(ChargerEvents.STATE, "CHARGING")));
        assertTrue(!ocppThreadRuns(), "no thread without a central system");
        org.infinergi.feature.auth.api.CentralAuthorization.Verdict v = c.authorize("04A1B2C3").toCompletableFuture()
                .getNow(null);
        assertTrue(v != null && !v.reached() && !v.accepted(), "a card is answered at once: nobody to ask " + v);
        assertTrue(!ocppThreadRuns(), "asking starts nothing");
        c.deactivate();
    }

    @Test
    void withoutAUrl_theOcppMode_isNotEnabled_andNoProfileLimits() {
        OcppComponent c = new OcppComponent(new FakeDevice(), Defaults.of(OcppConfig.class), null);
        org.infinergi.core.charging.api.ModeDecision d = c.decide();
        assertTrue(!d.chargeNow(), d.toString());
        assertEquals(org.infinergi.core.charging.api.ChargerStatus.DETAIL_OCPP_NOT_ENABLED, d.manualRow());
        assertEquals(SmartCharging.NO_LIMIT_A, c.currentLimit().amps());
        assertTrue(!ocppThreadRuns(), "asking starts nothing");
        c.deactivate();
    }

    @Test
    void theChargePointId_defaultsToTheSerialNumber() {
        FakeDevice device = new FakeDevice();
        assertEquals(device.serial(), OcppComponent.chargePointId(Defaults.of(OcppConfig.class), device));
        assertEquals("CP-7", OcppComponent.chargePointId(
                Defaults.of(OcppConfig.class, Map.of("chargePointId", " CP-7 ")), device));
    }

    @Test
    void anUnknownAuthorizationMode_failsTheActivation_namingTheKey() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> OcppComponent.authorizationMode(Defaults.of(OcppConfig.class,
                        Map.of("authorizationMode", "CARD"))));
        assertTrue(e.getMessage().startsWith("authorizationMode:"), e.getMessage());
        assertEquals(Transactions.Mode.STATIC_ID_TAG, OcppComponent.authorizationMode(
                Defaults.of(OcppConfig.class, Map.of("authorizationMode", "STATIC_ID_TAG"))));
        assertEquals(Transactions.Mode.DISABLED, OcppComponent.authorizationMode(Defaults.of(OcppConfig.class)));
    }

    @Test
    void atTheStart_aVehicleConnected_isASessionInProgress_undecidedWhileTheCoreInitialises() {
        assertEquals(java.util.Optional.empty(), OcppComponent.sessionInProgress(
                org.infinergi.core.charging.api.ChargerState.INITIALISING, null));
        assertEquals(java.util.Optional.of(false), OcppComponent.sessionInProgress(
                org.infinergi.core.charging.api.ChargerState.VEHICLE_NOT_CONNECTED, "A"));
        for (String pilot : new String[] {"B", "C", "D"}) {
            assertEquals(java.util.Optional.of(true), OcppComponent.sessionInProgress(
                    org.infinergi.core.charging.api.ChargerState.CHARGING, pilot), pilot);
        }
        assertEquals(java.util.Optional.of(false), OcppComponent.sessionInProgress(
                org.infinergi.core.charging.api.ChargerState.ERROR, "E"));
    }
}
