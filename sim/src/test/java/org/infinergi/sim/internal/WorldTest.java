package org.infinergi.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The world driven with an explicit time step: no sleeping. */
class WorldTest {

    private static final PilotDrive STEADY_HIGH = new PilotDrive(true, 100, 1000);
    private static final PilotDrive STEADY_LOW = new PilotDrive(false, 0, 1000);
    private static final PilotDrive OFFER_32A = new PilotDrive(true, 32 / 0.6, 1000);
    private static final PilotDrive OFFER_16A = new PilotDrive(true, 16 / 0.6, 1000);

    private World world;

    @BeforeEach
    void setUp() {
        world = new World(new double[] {230, 230, 230}, 3, 0.05, 32, 3);
    }

    /** Runs {@code seconds} of 20 ms ticks. */
    private void run(double seconds, PilotDrive drive, boolean contactor) {
        int n = (int) Math.round(seconds / 0.02);
        for (int i = 0; i < n; i++) {
            world.step(0.02, drive, contactor);
        }
    }

    @Test
    void unpluggedLineShowsTheGenerator() {
        run(0.1, STEADY_HIGH, false);
        assertEquals("A", world.state().evState());
        assertEquals(12.0, world.pilotPositiveV());
        assertEquals(12.0, world.pilotNegativeV());
        run(0.1, OFFER_32A, false);
        assertEquals(12.0, world.pilotPositiveV());
        assertEquals(-12.0, world.pilotNegativeV());
        run(0.1, STEADY_LOW, false);
        assertEquals(-12.0, world.pilotPositiveV());
        assertEquals(-12.0, world.pilotNegativeV());
        assertEquals("F", world.state().evState());
    }

    @Test
    void pluggedEvShowsBAndStaysInBWithoutPwm() {
        world.act(EvAction.CHARGE, null, null);
        run(1.0, STEADY_HIGH, false);
        assertEquals("B", world.state().evState());
        assertEquals(9.0, world.pilotPositiveV());
        assertEquals(9.0, world.pilotNegativeV(), "no PWM, no negative half-wave");
    }

    @Test
    void plugAloneWaitsInBEvenWithAnOffer() {
        world.act(EvAction.PLUG, null, null);
        run(0.2, OFFER_32A, false);
        assertEquals("B", world.state().evState());
        assertEquals(9.0, world.pilotPositiveV());
        assertEquals(-12.0, world.pilotNegativeV(), "diode: negative plateau stays at -12 V under PWM");
    }

    @Test
    void answersAPwmOfferWithCAndDrawsOnlyWhileTheRelayFeedbackSaysClosed() {
        world.act(EvAction.CHARGE, 32.0, 3);
        run(0.04, OFFER_32A, false);
        assertEquals("C", world.state().evState());
        assertEquals(6.0, world.pilotPositiveV());
        assertEquals(-12.0, world.pilotNegativeV());
        assertEquals(0.0, world.state().evCurrentA(), "contactor open: nothing flows");

        world.step(0.02, OFFER_32A, true);
        world.step(0.02, OFFER_32A, true);
        assertFalse(world.contactorFeedback(), "relay needs ~50 ms");
        world.step(0.02, OFFER_32A, true);
        assertTrue(world.contactorFeedback());
        assertEquals(32.0, world.state().evCurrentA(), 1e-9);
        assertEquals(3 * 230 * 32.0, world.state().evPowerW(), 1e-6);
    }

    @Test
    void drawsTheMinimumOfOfferAndOwnMaximumOnItsPhases() {
        world.act(EvAction.CHARGE, 16.0, 1);
        run(0.2, OFFER_32A, true);
        assertEquals(16.0, world.state().evCurrentA(), 1e-9);
        assertEquals(0.0, world.phaseCurrentsA()[1]);
        world.act(EvAction.CHARGE, 32.0, 3);
        run(0.1, OFFER_16A, true);
        double[] i = world.phaseCurrentsA();
        assertEquals(16.0, i[0], 1e-9);
        assertEquals(16.0, i[1], 1e-9);
        assertEquals(16.0, i[2], 1e-9);
    }

    @Test
    void dutyCycleDecodesPerIec61851() {
        assertEquals(6.0, new PilotDrive(true, 10, 1000).offeredCurrentA(), 1e-9);
        assertEquals(6.0, new PilotDrive(true, 8, 1000).offeredCurrentA(), 1e-9);
        assertEquals(32.0, new PilotDrive(true, 53.333333, 1000).offeredCurrentA(), 1e-4);
        assertEquals(63.0 - 0.0, new PilotDrive(true, 89.2, 1000).offeredCurrentA(), 1e-9);
        assertEquals(0.0, new PilotDrive(true, 5, 1000).offeredCurrentA(), "5 % = digital communication");
        assertEquals(0.0, new PilotDrive(true, 100, 1000).offeredCurrentA());
        assertEquals(0.0, new PilotDrive(false, 50, 1000).offeredCurrentA());
    }

    @Test
    void pauseVentilationFullAndUnplug() {
        world.act(EvAction.CHARGE, 32.0, 3);
        run(0.2, OFFER_32A, true);
        assertEquals(32.0, world.state().evCurrentA(), 1e-9);

        world.act(EvAction.PAUSE, null, null);
        run(0.1, OFFER_32A, true);
        assertEquals("C", world.state().evState(), "pause stays in C");
        assertEquals(0.0, world.state().evCurrentA());

        world.act(EvAction.VENTILATION, null, null);
        run(0.1, OFFER_32A, true);
        assertEquals("D", world.state().evState());
        assertEquals(3.0, world.pilotPositiveV());
        run(0.1, STEADY_HIGH, false);
        assertEquals("D", world.state().evState(), "the EV keeps asking for ventilation after PWM is withdrawn");

        world.act(EvAction.CHARGE, null, null);
        run(0.1, OFFER_32A, true);
        assertEquals("C", world.state().evState());

        world.act(EvAction.FULL, null, null);
        run(0.1, OFFER_32A, true);
        assertEquals("B", world.state().evState());
        assertEquals(0.0, world.state().evCurrentA());

        world.act(EvAction.UNPLUG, null, null);
        run(0.1, OFFER_32A, false);
        assertEquals("A", world.state().evState());
        assertEquals(12.0, world.pilotPositiveV());
    }

    @Test
    void withdrawnOfferStopsTheDrawInC() {
        world.act(EvAction.CHARGE, 32.0, 3);
        run(0.2, OFFER_32A, true);
        run(0.1, STEADY_HIGH, true);
        assertEquals("C", world.state().evState());
        assertEquals(0.0, world.state().evCurrentA());
    }

    @Test
    void integratesItsOwnEnergyFromWhatItDraws() {
        world.act(EvAction.CHARGE, 16.0, 3);
        run(0.2, OFFER_32A, true); // S2 closes, relay follows: energy from here on is at 3 × 230 V × 16 A
        double before = world.evEnergyWh();
        run(3600.0 / 100, OFFER_32A, true); // 36 s
        double expected = 3 * 230 * 16 * 36 / 3600.0;
        assertEquals(expected, world.evEnergyWh() - before, expected * 1e-6);
        world.act(EvAction.FULL, null, null);
        double after = world.evEnergyWh();
        run(10, OFFER_32A, true);
        assertEquals(after, world.evEnergyWh(), 1e-9, "nothing drawn in B");
    }

    @Test
    void singlePhaseSupplyCarriesOneLine() {
        World w = new World(new double[] {230, 230, 230}, 1, 0.05, 32, 3);
        w.act(EvAction.CHARGE, 32.0, 3);
        for (int i = 0; i < 10; i++) {
            w.step(0.02, OFFER_32A, true);
        }
        assertEquals(0.0, w.mainsVoltagesV()[1]);
        assertEquals(0.0, w.phaseCurrentsA()[2]);
        assertEquals(230 * 32.0, w.state().evPowerW(), 1e-6);
    }

    @Test
    void anEvWithAResponseDelayFollowsALowerOfferOnlyThatLongAfterIt() {
        world.setEvResponseDelay(1.0);
        world.act(EvAction.CHARGE, 32.0, 3);
        run(2.0, OFFER_16A, true);
        assertEquals(16.0, world.state().evCurrentA(), 1e-9, "follows the first offer one second after it");
        PilotDrive offer10A = new PilotDrive(true, 10 / 0.6, 1000);
        run(0.96, offer10A, true);
        assertEquals(16.0, world.state().evCurrentA(), 1e-9, "still on the old offer 0.96 s after the change");
        run(0.04, offer10A, true);
        assertEquals(10.0, world.state().evCurrentA(), 1e-6, "on the new offer 1 s after the change");
    }

    @Test
    void anOfferThatKeepsChangingIsFollowedLateNotNever() {
        world.setEvResponseDelay(1.0);
        world.act(EvAction.CHARGE, 32.0, 3);
        run(2.0, OFFER_16A, true);
        // A new offer every 0.5 s: the car draws each one a second after it appeared.
        run(0.5, new PilotDrive(true, 12 / 0.6, 1000), true);
        run(0.5, new PilotDrive(true, 8 / 0.6, 1000), true);
        assertEquals(12.0, world.state().evCurrentA(), 1e-6, "12 A appeared 1 s ago, 8 A only 0.5 s ago");
        run(0.48, new PilotDrive(true, 8 / 0.6, 1000), true);
        assertEquals(12.0, world.state().evCurrentA(), 1e-6);
        run(0.02, new PilotDrive(true, 8 / 0.6, 1000), true);
        assertEquals(8.0, world.state().evCurrentA(), 1e-6);
    }

    @Test
    void withoutAResponseDelayTheEvFollowsAtOnceAndAnOpenContactorStopsItAtOnce() {
        world.act(EvAction.CHARGE, 32.0, 3);
        run(0.2, OFFER_16A, true);
        world.step(0.02, new PilotDrive(true, 10 / 0.6, 1000), true);
        assertEquals(10.0, world.state().evCurrentA(), 1e-6);
        world.setEvResponseDelay(1.0);
        run(0.1, STEADY_HIGH, false);
        assertEquals(0.0, world.state().evCurrentA(), "the relay opened: nothing flows, whatever the car's lag");
    }
}
