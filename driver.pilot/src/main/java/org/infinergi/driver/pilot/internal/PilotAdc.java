package org.infinergi.driver.pilot.internal;

import java.util.Optional;

import com.pi4j.context.Context;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pilot front end's MCP3208 (pilot peak detectors, proximity pilot, enclosure NTC), shared by the
 * components that read its channels. One owner for the chip because pi4j 2.8 reserves an I/O address once
 * per context (an SPI chip select cannot be opened twice) and because one chip's conversions must not
 * interleave. Internal service of this bundle (its package is not exported).
 *
 * <p>A chip select the kernel does not expose (a plain image on a PC) leaves the component active with every
 * conversion failing, naming the device: the pilot driver and the sensors then report why they read nothing
 * (D3) instead of vanishing.
 */
@Component(service = PilotAdc.class)
public final class PilotAdc {

    private static final Logger LOG = LoggerFactory.getLogger(PilotAdc.class);

    private final Pi4jIo io;
    private final Mcp3208Adc adc;
    private final String unavailable;

    /** @param board the board map, from the one owner of {@value PilotConfig#PID} (a test passes {@code () -> config}) */
    @Activate
    public PilotAdc(@Reference Context pi4j, @Reference BoardMap board) {
        PilotConfig config = board.config();
        io = new Pi4jIo(pi4j);
        Mcp3208Adc opened = null;
        String reason = null;
        try {
            opened = new Mcp3208Adc(io.spi("infinergi-pilot-adc", "pilot ADC", config.pilotAdcBus(),
                    config.pilotAdcChipSelect(), config.spiBaudHz()));
        } catch (BoardIoUnavailable e) {
            reason = e.getMessage();
            LOG.warn("{}", reason);
        } catch (RuntimeException e) {
            io.close();
            throw e;
        }
        adc = opened;
        unavailable = reason;
        LOG.debug("Pilot ADC on SPI bus {} CS {}", config.pilotAdcBus(), config.pilotAdcChipSelect());
    }

    /** One conversion of {@code channel}, counts 0..4095. */
    synchronized int read(int channel) throws Mcp3208Adc.AdcException {
        if (adc == null) {
            throw new Mcp3208Adc.AdcException(unavailable);
        }
        return adc.read(channel);
    }

    /** Why the chip could not be opened ("board I/O not available: …"), empty when it was. */
    Optional<String> unavailable() {
        return Optional.ofNullable(unavailable);
    }

    @Deactivate
    public void deactivate() {
        io.close();
    }
}
