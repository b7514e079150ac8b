package org.infinergi.driver.pilot.internal;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;

import org.infinergi.core.charging.hal.ConnectorLock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket's lock actuator (untethered models): a GPIO output (high = lock) and the position switch on a
 * GPIO input. Activation keeps the plug where the switch says it is (a restarted bundle must not release
 * a plug under load), and deactivation leaves the actuator where it is; locking and releasing are the
 * core's decisions (lock before the contactor closes, release after it opens).
 */
@Component(service = ConnectorLock.class)
public final class ConnectorLockDriver implements ConnectorLock {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorLockDriver.class);

    private final PilotConfig config;
    private final Pi4jIo io;
    private final DigitalInput feedback;
    private final DigitalOutput actuator;

    /** @param board the board map, from the one owner of {@value PilotConfig#PID} (a test passes {@code () -> config}) */
    @Activate
    public ConnectorLockDriver(@Reference Context pi4j, @Reference BoardMap board) {
        PilotConfig config = board.config();
        this.config = config;
        this.io = new Pi4jIo(pi4j);
        try {
            feedback = io.input("infinergi-lock-feedback", "Lock feedback", config.lockFeedbackAddress());
            boolean locked = feedback.isHigh() == config.lockFeedbackActiveHigh();
            actuator = io.output("infinergi-lock", "Socket lock", config.lockAddress(),
                    locked ? DigitalState.HIGH : DigitalState.LOW, null);
        } catch (RuntimeException e) {
            io.close();
            throw e;
        }
        LOG.info("Socket lock on {}, feedback {}", config.lockAddress(), config.lockFeedbackAddress());
    }

    @Override
    public void setLocked(boolean locked) {
        actuator.state(locked ? DigitalState.HIGH : DigitalState.LOW);
    }

    @Override
    public boolean lockedFeedback() {
        return feedback.isHigh() == config.lockFeedbackActiveHigh();
    }

    @Deactivate
    public void deactivate() {
        io.close();
    }
}
