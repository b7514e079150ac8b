package org.infinergi.driver.modbusmeters.bus.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link BusRegistry} without OSGi: lines by endpoint, reference-counted. */
final class Buses implements BusRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(Buses.class);

    private final Function<Endpoint, ModbusLink> links;
    private final Map<Endpoint, Bus> buses = new HashMap<>();
    private boolean closed;
    private String vehicleMeter;
    private int vehicleClaims; // the configuration's check and its meter claim it both

    Buses(Function<Endpoint, ModbusLink> links) {
        this.links = links;
    }

    @Override
    public synchronized AutoCloseable attach(Endpoint endpoint, MeterPoller poller, long periodMs) {
        if (closed) {
            throw new IllegalStateException("Modbus lines closed");
        }
        Bus bus = buses.computeIfAbsent(endpoint, e -> {
            LOG.info("Modbus line {} opened for meter {}", e, poller);
            return new Bus(e, links);
        });
        AutoCloseable job = bus.attach(poller, periodMs);
        return () -> {
            job.close();
            Bus toClose = null;
            synchronized (this) {
                if (buses.get(endpoint) == bus && bus.detached()) {
                    buses.remove(endpoint);
                    toClose = bus;
                }
            }
            if (toClose != null) {
                toClose.close();
            }
        };
    }

    @Override
    public synchronized AutoCloseable claimVehicleMeter(String name) {
        if (vehicleMeter != null && !vehicleMeter.equals(name)) {
            throw new IllegalArgumentException(vehicleMeter + " is already the vehicle meter: a charging station has "
                + "only one MID meter (manual §4.7)");
        }
        vehicleMeter = name;
        vehicleClaims++;
        boolean[] closed = {false};
        return () -> {
            synchronized (this) {
                if (!closed[0] && name.equals(vehicleMeter)) {
                    closed[0] = true;
                    if (--vehicleClaims == 0) {
                        vehicleMeter = null;
                    }
                }
            }
        };
    }

    /** Stops every line. */
    void close() {
        List<Bus> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(buses.values());
            buses.clear();
        }
        all.forEach(Bus::close);
    }
}
