package org.infinergi.core.charging.internal;

import static org.infinergi.core.charging.internal.Inputs.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.infinergi.core.charging.api.ChargerState;
import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.hal.PilotReading;
import org.infinergi.core.charging.internal.CoreState.RdcTest;
import org.junit.jupiter.api.Test;

/** The pilot/contactor sequence of IEC 61851-1 on frozen snapshots, one cycle at a time. */
class SequencerTest {

    private static final PilotReading C = new PilotReading(6, -12);
    private static final PilotReading D = new PilotReading(3, -12);
    private final ControlLogic logic = new ControlLogic();

    /** Running, vehicle in B, no offer on the line yet, the RDC-DD tested. */
    private static CoreState vehicleInBWithoutPwm() {
        return CoreState.INITIAL.change()
                .drive(ChargerState.WAITING_FOR_CURRENT, PilotState.B, DutyCycle.NO_OFFER, false, 0, null)
                .rdc(new RdcTest(RdcTest.Phase.PASSED, T0.minusSeconds(1)))
                .times(T0.minusSeconds(60), T0.minusSeconds(60)).build();
    }

    @Test
    void stateC_theContactorClosesOnlyOnceThePwmOfferWasOnTheLine() {
        ControlDecision first = logic.decide(Inputs.input(vehicleInBWithoutPwm(), T0, C, false, null, null));
        assertEquals(16, first.offeredCurrentA());
        assertFalse(first.contactorClosed(), "no PWM offer was on the line yet");
        assertEquals("current offered, closing the contactor", first.detail());
        ControlDecision second = logic.decide(Inputs.input(first.next(), T0.plusMillis(50), C, false, null, null));
        assertTrue(second.contactorClosed());
        assertEquals(ChargerState.CHARGING, second.state());
        assertEquals("charging at 16.0 A, limited by dlm", second.detail());
    }

    @Test
    void stateD_ventilation_pausesWithoutAnOffer() {
        ControlDecision d = logic.decide(Inputs.input(vehicleInBWithoutPwm(), T0, D, false, null, null));
        assertEquals(ChargerState.PAUSED, d.state());
        assertEquals(ControlLogic.DETAIL_VENTILATION, d.detail());
        assertEquals(DutyCycle.NO_OFFER, d.dutyCyclePct());
        assertFalse(d.contactorClosed());
    }
}
