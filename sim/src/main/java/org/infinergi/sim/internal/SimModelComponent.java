package org.infinergi.sim.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * The model the world is built as: phases and cable from the label's PID {@code org.infinergi.device}. A component of
 * its own so the world reads one PID only; like {@link SimWiringComponent} a test bench reading the board's facts.
 * Deliberately not the core's {@code Device} service: the world (and the pi4j context it registers) must come up
 * with the sim bundle, before any firmware bundle, as a real board is powered before the firmware starts.
 */
@Component(name = "org.infinergi.sim.model", configurationPid = "org.infinergi.device",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = SimModel.class)
public final class SimModelComponent implements SimModel {

    private final DeviceKeys device;

    @Activate
    public SimModelComponent(DeviceKeys device) {
        this.device = device;
    }

    @Override
    public DeviceKeys device() {
        return device;
    }
}
