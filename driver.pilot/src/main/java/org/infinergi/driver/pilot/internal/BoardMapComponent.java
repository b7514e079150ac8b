package org.infinergi.driver.pilot.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The one owner of PID {@value PilotConfig#PID}, the board revision's factory map. No {@code @Modified}: a changed
 * map re-registers this service, so every driver that holds pins or channels of the old map is restarted on the
 * new one (as when each driver read the PID itself).
 */
@Component(name = "org.infinergi.driver.pilot.board", configurationPid = PilotConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = BoardMap.class)
@Designate(ocd = PilotConfig.class)
public final class BoardMapComponent implements BoardMap {

    private final PilotConfig config;

    @Activate
    public BoardMapComponent(PilotConfig config) {
        this.config = config;
    }

    @Override
    public PilotConfig config() {
        return config;
    }
}
