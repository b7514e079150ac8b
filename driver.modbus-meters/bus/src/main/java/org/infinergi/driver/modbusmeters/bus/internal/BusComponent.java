package org.infinergi.driver.modbusmeters.bus.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/** The charger's Modbus lines as a service for the configured meters of this bundle. */
@Component(service = BusRegistry.class)
public final class BusComponent implements BusRegistry {

    private final Buses buses = new Buses(J2modLink::open);

    @Activate
    public BusComponent() {
        // lines open when the first meter attaches, on their own thread
    }

    @Override
    public AutoCloseable attach(Endpoint endpoint, MeterPoller poller, long periodMs) {
        return buses.attach(endpoint, poller, periodMs);
    }

    @Override
    public AutoCloseable claimVehicleMeter(String name) {
        return buses.claimVehicleMeter(name);
    }

    @Deactivate
    void deactivate() {
        buses.close();
    }
}
