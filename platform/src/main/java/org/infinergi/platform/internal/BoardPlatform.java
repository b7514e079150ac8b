package org.infinergi.platform.internal;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import com.pi4j.context.Context;

import org.infinergi.core.charging.api.ConfigurationOwner;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.config.CheckedConfiguration;
import org.infinergi.core.config.LastValidConfiguration;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real board: registers the pi4j {@link Context} built from pi4j's Linux providers as an OSGi service
 * (property {@value #PLATFORM_PROPERTY}{@code =board}), as {@code org.infinergi.sim} registers its simulated one in
 * sim images; the drivers cannot tell the difference. Plain images only.
 *
 * <p>The Context is registered through the bundle context rather than as this component's service because DS
 * can only publish the component object itself, and the Context is an object pi4j builds. No {@code @Modified}: a
 * changed configuration re-creates this component, so the drivers restart on the new context. A configuration with
 * an empty value or a value not of its key's type is rejected as a whole and listed in the status (issue 15): the
 * last valid configuration, kept in this bundle's data area ({@link LastValidConfiguration}), carries the I/O; the
 * kernel's usual interfaces (the defaults) only when none was ever applied.
 */
@Component(immediate = true, service = ConfigurationOwner.class, configurationPid = PlatformConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PlatformConfig.class)
public final class BoardPlatform implements ConfigurationOwner {

    /** Service property naming who built the registered context ({@code sim} in sim images). */
    static final String PLATFORM_PROPERTY = "infinergi.pi4j.platform";

    private static final Logger LOG = LoggerFactory.getLogger(BoardPlatform.class);

    private final Context context;
    private final ServiceRegistration<Context> registration;
    private final List<ConfigurationRejection> rejections;

    @Activate
    public BoardPlatform(Map<String, Object> properties, BundleContext bundleContext) {
        LastValidConfiguration<PlatformConfig> lastValid = new LastValidConfiguration<>(PlatformConfig.PID,
                PlatformConfig.class, bundleContext::getDataFile);
        CheckedConfiguration<PlatformConfig> checked = lastValid.check(properties, LOG::error);
        PlatformConfig config = checked.config();
        rejections = checked.rejections();
        context = BoardContext.build(config);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PLATFORM_PROPERTY, "board");
        registration = bundleContext.registerService(Context.class, context, props);
        lastValid.keep(checked, LOG::error);
        LOG.info("Board I/O: digital {}, PWM chip {} under {}, SPI /dev/spidevB.C, I2C /dev/i2c-N, UARTs (jSerialComm)",
                config.digitalIo() == DigitalIo.SYSFS ? "sysfs " + config.gpioPath() : "libgpiod",
                config.pwmChip(), config.pwmPath());
    }

    @Override
    public List<ConfigurationRejection> rejections() {
        return rejections;
    }

    @Deactivate
    void deactivate() {
        // The drivers release their I/O when the service goes away; then pi4j frees whatever is left.
        registration.unregister();
        context.shutdown();
    }
}
