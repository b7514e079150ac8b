package org.infinergi.driver.pilot.internal;

import org.infinergi.core.charging.hal.ProximityPilot;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proximity pilot of the socket (IEC 61851-1 annex B, untethered models): the cable's coding resistor
 * between PP and PE, below a pull-up to the pilot MCP3208's reference ({@code ppPullUpOhm}) on channel
 * {@code ppChannel}. NaN when the ADC does not answer or the divider sits at a rail (no cable / open wire,
 * or a dead short): the core decides what that means (no cable, V5, D3). Tethered models have no PP wire:
 * the reading is then NaN and the core does not use it.
 */
@Component(service = ProximityPilot.class)
public final class ProximityPilotDriver implements ProximityPilot {

    private static final Logger LOG = LoggerFactory.getLogger(ProximityPilotDriver.class);

    private final PilotConfig config;
    private final PilotAdc adc;
    private boolean adcFailing;

    /** @param board the board map, from the one owner of {@value PilotConfig#PID} (a test passes {@code () -> config}) */
    @Activate
    public ProximityPilotDriver(@Reference PilotAdc adc, @Reference BoardMap board) {
        PilotConfig config = board.config();
        Checks.channel("ppChannel", config.ppChannel());
        Checks.positive("ppPullUpOhm", config.ppPullUpOhm());
        this.config = config;
        this.adc = adc;
        LOG.info("Proximity pilot on ADC bus {} CS {} channel {}, pull-up {} Ω", config.pilotAdcBus(),
                config.pilotAdcChipSelect(), config.ppChannel(), config.ppPullUpOhm());
    }

    @Override
    public synchronized double resistanceOhm() {
        try {
            int counts = adc.read(config.ppChannel());
            if (adcFailing) {
                LOG.info("Proximity pilot ADC answers again");
                adcFailing = false;
            }
            return AnalogFrontEnd.bottomResistorOhm(counts, config.ppPullUpOhm(), config.dividerRailMarginCounts());
        } catch (Mcp3208Adc.AdcException e) {
            if (!adcFailing) {
                LOG.warn("Proximity pilot ADC failed: {}", e.getMessage());
                adcFailing = true;
            }
            return Double.NaN;
        }
    }
}
