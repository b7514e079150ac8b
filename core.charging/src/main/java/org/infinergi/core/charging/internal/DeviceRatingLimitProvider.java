package org.infinergi.core.charging.internal;

import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.LimitProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The model's rated current per phase (manual §2.6): 32 A for both the 7.4 kW and the 22 kW models. */
@Component(name = "org.infinergi.core.charging.limit.device")
public final class DeviceRatingLimitProvider implements LimitProvider {

    static final String SOURCE = "device rating";
    private final DeviceSource device;

    @Activate
    public DeviceRatingLimitProvider(@Reference DeviceSource device) {
        this.device = device;
    }

    @Override
    public Limit currentLimit() {
        DeviceSettings d = device.settings();
        return new Limit(d.ratedCurrentA(), SOURCE, "rated current of " + d.model());
    }
}
