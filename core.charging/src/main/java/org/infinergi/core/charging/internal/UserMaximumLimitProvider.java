package org.infinergi.core.charging.internal;

import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.LimitProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** "Maximum charge rate" (manual §5.1, §5.1.1, §7.2.1): the user's limit below the installation's. */
@Component(name = "org.infinergi.core.charging.limit.usermax")
public final class UserMaximumLimitProvider implements LimitProvider {

    static final String SOURCE = "maximum charge rate";
    private final ChargingSource charging;

    @Activate
    public UserMaximumLimitProvider(@Reference ChargingSource charging) {
        this.charging = charging;
    }

    @Override
    public Limit currentLimit() {
        return new Limit(charging.settings().maxChargeRateA(), SOURCE, "user setting, manual §7.2.1");
    }
}
