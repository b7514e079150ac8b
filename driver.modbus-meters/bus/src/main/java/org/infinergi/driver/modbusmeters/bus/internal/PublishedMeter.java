package org.infinergi.driver.modbusmeters.bus.internal;

import java.util.Map;
import java.util.Optional;

import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.MeterReading;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * The {@link Meter} service of one configured Modbus meter, registered by SCR: {@link ModbusMeterComponent} makes an
 * instance through this factory component once its model is bound and the meter polled, with the service
 * properties it knows only then (the model's source and start-up grace), and disposes of it when the model goes.
 * The poller comes as the private property {@value #POLLED} (a leading full stop: DS keeps it off the service).
 */
@Component(factory = PublishedMeter.FACTORY, service = Meter.class, configurationPolicy = ConfigurationPolicy.IGNORE)
public final class PublishedMeter implements Meter {

    /** The component factory's name ({@code component.factory}). */
    static final String FACTORY = "org.infinergi.meter.modbus.meter";

    /** Private component property: the {@link Meter} of the polled device this service answers for. */
    static final String POLLED = ".polled";

    private final Meter polled;

    @Activate
    public PublishedMeter(Map<String, Object> properties) {
        this.polled = (Meter) properties.get(POLLED);
    }

    @Override
    public Optional<MeterReading> latest() {
        return polled.latest();
    }
}
