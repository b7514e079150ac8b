package org.infinergi.core.charging.internal;

import java.util.Map;

import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.SelectedMeter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * One meter {@code org.infinergi.metering} selects, as a service drivers pick with a DS target
 * ({@link SelectedMeter}): {@link MeteringConfigComponent}, the one owner of that PID, makes an instance through this
 * factory component for each selected meter, with {@value Meter#ROLE} and {@value Meter#SOURCE} as its service
 * properties, and disposes of it when the selection changes. A factory instance is whole before anyone sees it, and
 * its properties are the validated settings, never the PID's raw values (a rejected value keeps the previous choice).
 */
@Component(factory = SelectedMeterComponent.FACTORY, service = SelectedMeter.class,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public final class SelectedMeterComponent implements SelectedMeter {

    /** The component factory's name ({@code component.factory}). */
    static final String FACTORY = "org.infinergi.core.charging.meter.selected";

    private final String role;
    private final String source;

    @Activate
    public SelectedMeterComponent(Map<String, Object> properties) {
        this.role = String.valueOf(properties.get(Meter.ROLE));
        this.source = String.valueOf(properties.get(Meter.SOURCE));
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return role + "/" + source;
    }
}
