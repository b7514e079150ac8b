package org.infinergi.core.charging.internal;

import java.util.Map;

import org.infinergi.core.charging.api.Device;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The one owner of PID {@code org.infinergi.device} (the label of manual §2.4, the model's facts of §2.6): the
 * core, the device-rating and cable limits, the panel, the pilot driver's meter and the simulator get its values
 * from here.
 */
@Component(name = "org.infinergi.core.charging.device", configurationPid = Pids.DEVICE,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = { Device.class, DeviceSource.class })
@Designate(ocd = DeviceConfig.class)
public final class DeviceComponent extends PidOwner<DeviceSettings> implements Device, DeviceSource {

    @Activate
    public DeviceComponent(Map<String, Object> config) {
        super(ConfigParser::device, DeviceSettings.DEFAULTS, config);
    }

    @Modified
    void modified(Map<String, Object> config) {
        update(config);
    }

    @Override
    public String model() {
        return settings().model();
    }

    @Override
    public String serial() {
        return settings().serial();
    }

    @Override
    public String mac() {
        return settings().mac();
    }

    @Override
    public int phases() {
        return settings().phases();
    }

    @Override
    public int ratedCurrentA() {
        return settings().ratedCurrentA();
    }

    @Override
    public boolean tethered() {
        return settings().tethered();
    }

    @Override
    public boolean midMeterTerminal() {
        return settings().midMeterTerminal();
    }
}
