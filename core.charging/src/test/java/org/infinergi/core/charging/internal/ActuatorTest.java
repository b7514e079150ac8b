package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.infinergi.core.charging.testing.FakePilotHardware;
import org.infinergi.core.charging.testing.FakeResidualCurrentDevice;
import org.junit.jupiter.api.Test;

/** The safe side is driven command by command: one that fails does not skip the others. */
class ActuatorTest {

    private final FakePilotHardware pilot = new FakePilotHardware();
    private final FakeResidualCurrentDevice rdc = new FakeResidualCurrentDevice();
    private final Actuator actuator = new Actuator(pilot);

    @Test
    void fault_aFailingPilotStillSwitchesTheRdcTestCurrentOff() {
        rdc.setTestCurrent(true);
        pilot.failWrites(new IllegalStateException("GPIO gone"));
        actuator.fault(rdc);
        assertFalse(rdc.testCurrent());
    }

    @Test
    void fault_opensTheContactor_thenStateF() {
        pilot.setContactor(true);
        pilot.clearCommands();
        actuator.fault(rdc);
        assertEquals(List.of("contactor open", "duty 0.0"), pilot.commands());
    }

    @Test
    void stop_withdrawsTheOffer() {
        pilot.setDutyCycle(26.7);
        pilot.setContactor(true);
        actuator.stop(null);
        assertFalse(pilot.contactorCommanded());
        assertEquals(100.0, pilot.dutyCycle());
    }
}
