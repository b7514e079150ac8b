package org.infinergi.driver.pilot.internal;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;

import org.infinergi.core.charging.hal.ResidualCurrentDevice;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The integrated 6 mA DC leakage device (RDC-DD, IEC 62955; manual §4.3): a GPIO output switching its test
 * current through the sensing core and the device's trip output on a GPIO input. The test current starts
 * and ends off (activation, deactivation): left on it would read as a permanent leak.
 */
@Component(service = ResidualCurrentDevice.class)
public final class ResidualCurrentDriver implements ResidualCurrentDevice {

    private static final Logger LOG = LoggerFactory.getLogger(ResidualCurrentDriver.class);

    private final PilotConfig config;
    private final Pi4jIo io;
    private final DigitalOutput test;
    private final DigitalInput trip;

    /** @param board the board map, from the one owner of {@value PilotConfig#PID} (a test passes {@code () -> config}) */
    @Activate
    public ResidualCurrentDriver(@Reference Context pi4j, @Reference BoardMap board) {
        PilotConfig config = board.config();
        this.config = config;
        this.io = new Pi4jIo(pi4j);
        try {
            test = io.output("infinergi-rcd-test", "RDC-DD test current", config.rcdTestAddress(), DigitalState.LOW,
                    DigitalState.LOW);
            trip = io.input("infinergi-rcd-trip", "RDC-DD trip", config.rcdTripAddress());
        } catch (RuntimeException e) {
            io.close();
            throw e;
        }
        LOG.info("RDC-DD test output {}, trip input {}", config.rcdTestAddress(), config.rcdTripAddress());
    }

    @Override
    public void setTestCurrent(boolean on) {
        test.state(on ? DigitalState.HIGH : DigitalState.LOW);
    }

    @Override
    public boolean tripped() {
        return trip.isHigh() == config.rcdTripActiveHigh();
    }

    @Deactivate
    public void deactivate() {
        try {
            test.low();
        } catch (RuntimeException e) {
            LOG.warn("Could not switch the RDC-DD test current off on deactivation", e);
        }
        io.close();
    }
}
