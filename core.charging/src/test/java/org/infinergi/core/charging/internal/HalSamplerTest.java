package org.infinergi.core.charging.internal;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.infinergi.core.charging.api.PilotState;
import org.infinergi.core.charging.hal.ResidualCurrentDevice;
import org.infinergi.core.charging.testing.FakeBoardSensors;
import org.infinergi.core.charging.testing.FakeCardReader;
import org.infinergi.core.charging.testing.FakePilotHardware;
import org.junit.jupiter.api.Test;

/** What one cycle sees of the hardware: a failing read takes its safe value and is named (D3). */
class HalSamplerTest {

    private final FakePilotHardware pilot = new FakePilotHardware();
    private final HalSampler sampler = new HalSampler(pilot);

    @Test
    void healthyHardware_readAsIs_noFault() {
        pilot.vehicle(PilotState.B);
        HalSampler.Sample s = sampler.sample(new HalServices(null, null, null, new FakeBoardSensors().temperature(40),
                null, null, null, null, new FakeCardReader()));
        assertEquals(9.0, s.pilot().positiveV(), 0.5);
        assertFalse(s.contactorFeedback());
        assertEquals(40.0, s.hal().temperatureC());
        assertTrue(s.hal().boardSensors());
        assertFalse(s.hal().rdc(), "no RDC-DD service bound");
        assertTrue(s.hal().hardwareFaults().isEmpty());
    }

    @Test
    void unreadableInputs_takeTheSafeSide_andAreNamed() {
        pilot.failReads(new IllegalStateException("ADC gone"));
        ResidualCurrentDevice rdc = new ResidualCurrentDevice() {
            @Override
            public boolean tripped() {
                throw new IllegalStateException("GPIO gone");
            }

            @Override
            public void setTestCurrent(boolean on) {
            }
        };
        HalSampler.Sample s = sampler.sample(new HalServices(null, null, null, null, null, null, rdc, null, null));
        assertNull(s.pilot(), "no reading rather than a made-up one");
        assertTrue(s.hal().rdcTripped(), "an unreadable RDC-DD counts as tripped");
        assertEquals(List.of("ADC gone"), s.hal().hardwareFaults().subList(0, 1), "the pilot driver's own reason first");
        assertEquals(2, s.hal().hardwareFaults().size());
        assertTrue(s.hal().hardwareFaults().get(1).startsWith("RDC-DD unreadable"), s.hal().hardwareFaults().toString());
    }

    @Test
    void aSilentRfidReader_isNamedWithWhereItIs() {
        HalSampler.Sample s = sampler.sample(new HalServices(null, null, null, null, null, null, null, null,
                new FakeCardReader().responding(false)));
        assertEquals(List.of("the RFID reader does not answer (fake reader on /dev/test0)"), s.hal().hardwareFaults());
    }
}
