package org.infinergi.core.charging.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The one owner of PID {@code org.infinergi.charging} (manual §7.2.1: active mode, maximum charge rate): the core
 * and the user-maximum limit get its values from here.
 */
@Component(name = "org.infinergi.core.charging.usersettings", configurationPid = Pids.CHARGING,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = ChargingSource.class)
@Designate(ocd = ChargingConfig.class)
public final class ChargingComponent extends PidOwner<ChargingSettings> implements ChargingSource {

    @Activate
    public ChargingComponent(Map<String, Object> config) {
        super(ConfigParser::charging, ChargingSettings.DEFAULTS, config);
    }

    @Modified
    void modified(Map<String, Object> config) {
        update(config);
    }
}
