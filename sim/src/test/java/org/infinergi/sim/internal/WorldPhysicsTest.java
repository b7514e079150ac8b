package org.infinergi.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The world's issue-3 physics: lock, RDC-DD, cable, temperature and every injected cause; explicit steps. */
class WorldPhysicsTest {

    private static final PilotDrive STEADY_HIGH = new PilotDrive(true, 100, 1000);
    private static final PilotDrive OFFER_16A = new PilotDrive(true, 16 / 0.6, 1000);

    private final World world = new World(new double[] {230, 230, 230}, 3, 0.05, 32, 3, false, 0.2);

    private void run(double seconds, PilotDrive drive, boolean contactor, boolean lock, boolean rcdTest) {
        for (int i = 0; i < Math.round(seconds / 0.02); i++) {
            world.step(0.02, drive, contactor, lock, rcdTest);
        }
    }

    private void charging16A() {
        world.act(EvAction.CHARGE, 32.0, 3);
        run(0.3, OFFER_16A, true, true, false);
    }

    @Test
    void aHealthyUntetheredBoxAtStart() {
        WorldState s = world.state();
        assertEquals(220.0, s.cableResistanceOhm(), "a 32 A cable in the socket");
        assertEquals(220.0, s.ppResistanceOhm());
        assertEquals(25.0, s.temperatureC());
        assertTrue(s.earthPresent());
        assertFalse(s.phaseNeutralReversed());
        assertTrue(s.pilotAdcAnswering());
        assertTrue(s.lock().fitted());
        assertFalse(s.lock().locked());
        assertFalse(s.rcd().tripped());
        assertTrue(s.faults().isEmpty());
    }

    @Test
    void theLockFollowsItsCommandAfter200Ms() {
        run(0.18, STEADY_HIGH, false, true, false);
        assertFalse(world.lockFeedback());
        run(0.02, STEADY_HIGH, false, true, false);
        assertTrue(world.lockFeedback());
        run(0.1, STEADY_HIGH, false, false, false);
        assertTrue(world.lockFeedback(), "releasing takes as long");
        run(0.1, STEADY_HIGH, false, false, false);
        assertFalse(world.lockFeedback());
    }

    @Test
    void d5StuckLockHoldsItsPosition() {
        run(0.2, STEADY_HIGH, false, true, false);
        world.setFault(SimFault.D5, null, true);
        run(1.0, STEADY_HIGH, false, false, false);
        assertTrue(world.lockFeedback(), "stuck locked");
        world.setFault(SimFault.D5, null, false);
        run(0.2, STEADY_HIGH, false, false, false);
        assertFalse(world.lockFeedback());
    }

    @Test
    void theRdcDdTripsWhileItsTestCurrentFlowsUnlessD6() {
        run(0.02, STEADY_HIGH, false, false, true);
        assertTrue(world.rcdTripped());
        run(0.02, STEADY_HIGH, false, false, false);
        assertFalse(world.rcdTripped(), "releases when the test current stops");
        world.setFault(SimFault.D6, null, true);
        run(0.1, STEADY_HIGH, false, false, true);
        assertFalse(world.rcdTripped(), "D6: no trip on the test current");
    }

    @Test
    void v2LeakageTripsOnlyWhileCurrentFlows() {
        world.setFault(SimFault.V2, null, true);
        run(0.1, STEADY_HIGH, false, false, false);
        assertFalse(world.rcdTripped());
        charging16A();
        assertTrue(world.phaseCurrentsA()[0] > 0);
        assertTrue(world.rcdTripped());
        run(0.1, OFFER_16A, false, true, false);
        assertFalse(world.rcdTripped());
    }

    @Test
    void i1I2Inputs() {
        world.setFault(SimFault.I1, null, true);
        world.setFault(SimFault.I2, null, true);
        assertFalse(world.earthPresent());
        assertTrue(world.phaseNeutralReversed());
        assertEquals(2, world.state().faults().size());
    }

    @Test
    void i3AndI4SetTheSupplyPhasesAndReplaceEachOther() {
        World single = new World(new double[] {230, 230, 230}, 1, 0.05, 32, 3);
        single.setFault(SimFault.I3, null, true);
        assertEquals("[180.0, 0.0, 0.0]", Arrays.toString(single.mainsVoltagesV()));
        single.setFault(SimFault.I4, null, true);
        assertEquals("[270.0, 0.0, 0.0]", Arrays.toString(single.mainsVoltagesV()));
        assertFalse(single.faultActive(SimFault.I3));
        single.setFault(SimFault.I4, null, false);
        assertEquals("[230.0, 0.0, 0.0]", Arrays.toString(single.mainsVoltagesV()));
    }

    @Test
    void v1DrawsMoreThanTheOffer() {
        world.setFault(SimFault.V1, null, true);
        charging16A();
        assertEquals(16 * 1.4, world.phaseCurrentsA()[2], 1e-6);
    }

    @Test
    void v3ClosesS2WithoutAnOffer() {
        world.setFault(SimFault.V3, null, true);
        world.act(EvAction.PLUG, null, null);
        run(0.1, STEADY_HIGH, false, false, false);
        assertEquals("C", world.state().evState());
        world.setFault(SimFault.V3, null, false);
        run(0.02, STEADY_HIGH, false, false, false);
        assertEquals("B", world.state().evState(), "compliant again: waits in B for an offer");
    }

    @Test
    void v3KeepsDrawingItsMaximumAfterTheOfferIsWithdrawn() {
        charging16A();
        assertEquals(16.0, world.phaseCurrentsA()[0], 1e-6, "compliant: follows the 16 A offer");
        world.setFault(SimFault.V3, null, true);
        run(0.1, STEADY_HIGH, true, true, false);
        assertEquals("C", world.state().evState());
        assertEquals(32.0, world.phaseCurrentsA()[0], 1e-6, "non-compliant: draws its 32 A with no offer at all");
        run(0.1, STEADY_HIGH, false, true, false);
        assertEquals(0.0, world.phaseCurrentsA()[0], 1e-6, "only the contactor stops it");
        world.setFault(SimFault.V3, null, false);
        run(0.1, STEADY_HIGH, true, true, false);
        assertEquals(0.0, world.phaseCurrentsA()[0], 1e-6, "compliant again: no offer, no draw");
    }

    @Test
    void v4MissingDiodeAndShort() {
        charging16A();
        world.setFault(SimFault.V4, "diode", true);
        assertEquals(-6.0, world.pilotNegativeV());
        world.setFault(SimFault.V4, "short", true);
        assertEquals("E", world.state().evState());
        assertEquals(0.0, world.pilotPositiveV());
        assertEquals(0.0, world.phaseCurrentsA()[0]);
        world.setFault(SimFault.V4, null, false);
        run(0.02, OFFER_16A, true, true, false);
        assertEquals("C", world.state().evState());
        assertEquals(-12.0, world.pilotNegativeV());
    }

    @Test
    void v5AndCableResistor() {
        world.setCableResistance(680.0);
        assertEquals(680.0, world.proximityResistanceOhm());
        world.setFault(SimFault.V5, null, true);
        assertEquals(World.INVALID_CABLE_OHM, world.proximityResistanceOhm());
        world.setFault(SimFault.V5, null, false);
        world.setCableResistance(null);
        assertNull(world.proximityResistanceOhm(), "no cable: open");
        assertThrows(IllegalArgumentException.class, () -> world.setCableResistance(-1.0));
    }

    @Test
    void d3SilencesThePilotAdc() {
        world.setFault(SimFault.D3, null, true);
        assertFalse(world.pilotAdcAnswering());
    }

    @Test
    void d4WeldedAndOpen() {
        world.setFault(SimFault.D4, null, true);
        run(0.1, STEADY_HIGH, false, false, false);
        assertTrue(world.contactorFeedback(), "welded by default");
        world.setFault(SimFault.D4, "open", true);
        charging16A();
        assertFalse(world.contactorFeedback());
        assertEquals(0.0, world.phaseCurrentsA()[0], "no current through an open contactor");
        assertEquals("open", world.state().faults().get(0).variant());
    }

    @Test
    void d7AndTemperature() {
        world.setTemperature(55);
        assertEquals(55.0, world.sensorTemperatureC());
        world.setFault(SimFault.D7, null, true);
        assertEquals(90.0, world.sensorTemperatureC());
        assertEquals(55.0, world.state().temperatureSetC());
        world.setFault(SimFault.D7, null, false);
        assertEquals(55.0, world.sensorTemperatureC());
    }

    @Test
    void tetheredModelsHaveNoPpNoLock() {
        World t = new World(new double[] {230, 230, 230}, 3, 0.05, 32, 3, true, 0.2);
        assertNull(t.proximityResistanceOhm());
        assertThrows(IllegalStateException.class, () -> t.setFault(SimFault.V5, null, true));
        assertThrows(IllegalStateException.class, () -> t.setFault(SimFault.D5, null, true));
        assertThrows(IllegalStateException.class, () -> t.setCableResistance(220.0));
        for (int i = 0; i < 20; i++) {
            t.step(0.02, STEADY_HIGH, false, true, false);
        }
        assertFalse(t.lockFeedback(), "no actuator fitted");
        assertFalse(t.state().lock().fitted());
    }

    @Test
    void notSimulatedCodesAreRefusedByTheWorld() {
        assertThrows(IllegalArgumentException.class, () -> world.setFault(SimFault.D2, null, true));
        assertThrows(IllegalArgumentException.class, () -> world.setFault(SimFault.V4, "banana", true));
    }
}
