package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.ChargerStatus;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 "a console bundle:update of the pilot driver during a charge leaves D3 and D5 open in the history": the
 * driver's supervision services go away for a moment and come back. The charge stops at once without them (safe
 * side); only a service still missing after {@link ErrorDetectors#SERVICE_GAP_MS} is an error.
 */
class ServiceGapTest {

    private static Rig rig(Object... config) {
        Rig r = new Rig(Rig.config(config));
        r.core.limitProviders.add(new WiringLimitProvider(r.installation));
        return r;
    }

    @Test
    void boardSensorsGoneForAMoment_contactorOpensAtOnce_noErrorInTheHistory_chargeGoesOn() {
        Rig r = rig();
        r.charging();
        r.cycle(20_000); // well past the start-up grace
        r.core.boardSensors = null;
        ChargerStatus s = r.cycle();
        assertFalse(s.contactorClosed(), "no charge without the board sensors, not even for a moment");
        assertFalse(r.pilot.contactorCommanded());
        r.cycles(10);
        r.core.boardSensors = r.sensors;
        s = r.cycles(20);
        assertEquals(ChargerState.CHARGING, s.state(), s.toString());
        assertEquals(List.of(), r.history, "no phantom D3");
    }

    @Test
    void lockAndProximityPilotGoneForAMoment_untethered_noD3NoD5() {
        Rig r = rig("tethered", false);
        r.charging();
        r.cycle(20_000);
        r.core.connectorLock = null;
        r.core.proximityPilot = null;
        assertFalse(r.cycle().contactorClosed());
        r.cycles(10);
        r.core.connectorLock = r.lock;
        r.core.proximityPilot = r.pp;
        ChargerStatus s = r.cycles(20);
        assertEquals(ChargerState.CHARGING, s.state(), s.toString());
        assertEquals(List.of(), r.history, "no phantom D3/D5");
    }

    @Test
    void boardSensorsThatStayAway_areD3OnceTheGapIsOver() {
        Rig r = rig();
        r.charging();
        r.cycle(20_000);
        r.core.boardSensors = null;
        r.cycle();
        assertTrue(r.history.isEmpty(), r.history.toString());
        ChargerStatus s = r.cycle(ErrorDetectors.SERVICE_GAP_MS);
        ErrorModelTest.assertError(s, "D3", 3);
        assertTrue(r.history.get(0).startsWith("RAISED D3"), r.history.toString());
    }
}
