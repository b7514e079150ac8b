package org.infinergi.driver.ct.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.infinergi.core.charging.api.ConfigurationOwner;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.hal.AdcChannel;
import org.infinergi.core.charging.hal.CtWiring;
import org.infinergi.core.config.CheckedConfiguration;
import org.infinergi.core.config.LastValidConfiguration;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.LoggerFactory;

/**
 * The one owner of PID {@value CtConfig#PID}. No {@code @Modified}: a changed configuration re-registers this service,
 * so the meter restarts on it. Outside this bundle the channels are the {@link CtWiring} service (the simulated board
 * puts its waveforms there instead of reading this PID). A configuration with an empty value or a value not of its
 * key's type is rejected as a whole and listed in the status (issue 15): the last valid map, kept in this bundle's
 * data area because each change re-creates this component ({@link LastValidConfiguration}), stays in force; the
 * factory map only when no valid map was ever applied.
 */
@Component(name = "org.infinergi.driver.ct.map", configurationPid = CtConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {CtMap.class, CtWiring.class, ConfigurationOwner.class})
@Designate(ocd = CtConfig.class)
public final class CtMapComponent implements CtMap, CtWiring, ConfigurationOwner {

    private final CtConfig config;
    private final List<ConfigurationRejection> rejections;

    @Activate
    public CtMapComponent(Map<String, Object> properties, BundleContext bundleContext) {
        Consumer<String> log = LoggerFactory.getLogger(CtMapComponent.class)::error;
        LastValidConfiguration<CtConfig> lastValid = new LastValidConfiguration<>(CtConfig.PID, CtConfig.class,
                bundleContext::getDataFile);
        CheckedConfiguration<CtConfig> checked = lastValid.check(properties, log);
        this.config = checked.config();
        this.rejections = checked.rejections();
        lastValid.keep(checked, log);
    }

    @Override
    public CtConfig config() {
        return config;
    }

    @Override
    public List<ConfigurationRejection> rejections() {
        return rejections;
    }

    @Override
    public List<AdcChannel> currents() {
        return List.of(channel(config.ct1Channel(), true), channel(config.ct2Channel(), true),
                channel(config.ct3Channel(), true));
    }

    @Override
    public List<AdcChannel> voltages() {
        return List.of(channel(config.voltageL1Channel(), false), channel(config.voltageL2Channel(), false),
                channel(config.voltageL3Channel(), false));
    }

    private AdcChannel channel(int channel, boolean current) {
        return new AdcChannel(config.adcBus(), config.adcChipSelect(), channel,
                current ? config.ctGain() : config.voltageGain(), current ? config.ctOffset() : config.voltageOffset());
    }
}
