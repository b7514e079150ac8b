package org.infinergi.core.charging.internal;

import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.LimitProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * "Wiring limit" (manual §7.1.1, §4.10): the device never charges beyond it. The value comes from the owner of
 * {@code org.infinergi.installation}, which keeps the previous valid value when a new one is rejected.
 */
@Component(name = "org.infinergi.core.charging.limit.wiring")
public final class WiringLimitProvider implements LimitProvider {

    static final String SOURCE = "wiring limit";
    private final InstallationSource installation;

    @Activate
    public WiringLimitProvider(@Reference InstallationSource installation) {
        this.installation = installation;
    }

    @Override
    public Limit currentLimit() {
        return new Limit(installation.settings().wiringLimitA(), SOURCE, "installation setting, manual §7.1.1");
    }
}
