package org.infinergi.sim.internal.modbus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.infinergi.sim.internal.SimConfig;
import org.infinergi.sim.internal.SimControl;
import org.infinergi.sim.internal.SimFault;
import org.infinergi.sim.internal.SimFaultInjector;
import org.infinergi.sim.internal.SimSettings;
import org.infinergi.sim.internal.SimStateContributor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated Modbus devices on loopback: the MID meter (the layout of {@code midMeterModel}, Eastron's by default,
 * fed from the world's mains voltages, phase currents, power and energy) on {@code midMeterPort} and the CT remote
 * device on {@code ctRemotePort} of PID
 * {@code org.infinergi.sim}. Injects D9 (the MID meter stops answering) and D2 (the CT remote device stops
 * answering); the firmware's Modbus meters see silence and the core raises the code. Adds {@code modbus} to
 * {@code GET /api/sim}.
 */
@Component(immediate = true, service = {SimFaultInjector.class, SimStateContributor.class})
public final class SimMetersComponent implements SimFaultInjector, SimStateContributor {

    private static final Logger LOG = LoggerFactory.getLogger(SimMetersComponent.class);

    private final SimModbusDevice mid;
    private final SimModbusDevice ct;
    private final ExecutorService opener;

    @Activate
    public SimMetersComponent(@Reference SimControl world, @Reference SimSettings settings) {
        SimConfig config = settings.config();
        MeterRegisters.Layout layout = MeterRegisters.layout(config.midMeterModel());
        mid = config.midMeterPort() > 0
                ? new SimModbusDevice("MID meter " + layout.model(), config.midMeterPort(),
                        () -> layout.registers().apply(world.state()), layout.holding())
                : null;
        ct = config.ctRemotePort() > 0
                ? new SimModbusDevice("CT remote device", config.ctRemotePort(), () -> MeterRegisters.ctRemote(world.state()))
                : null;
        // Binding a port waits for j2mod's listener thread: not in activate.
        opener = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "infinergi-sim-modbus-open");
            t.setDaemon(true);
            return t;
        });
        for (SimModbusDevice d : devices()) {
            opener.execute(() -> open(d));
        }
        String serial = config.midMeterSerialLink() == null ? "" : config.midMeterSerialLink().trim();
        if (mid != null && !serial.isEmpty()) {
            opener.execute(() -> openSerial(mid, serial, layout));
        }
    }

    private static void openSerial(SimModbusDevice d, String link, MeterRegisters.Layout layout) {
        try {
            d.serveSerial(new SimSerialLine(link), 9600, layout.parity(), 1);
            LOG.info("Simulated {}: Modbus RTU on the serial line {} (9600 8{}1, unit {})", d.name(), link,
                    layout.parity().charAt(0), SimModbusDevice.UNIT_ID);
        } catch (Exception e) {
            LOG.warn("Simulated {} not served on the serial line {}: {}", d.name(), link, e.getMessage());
        }
    }

    private List<SimModbusDevice> devices() {
        List<SimModbusDevice> all = new ArrayList<>();
        if (mid != null) {
            all.add(mid);
        }
        if (ct != null) {
            all.add(ct);
        }
        return all;
    }

    private static void open(SimModbusDevice d) {
        try {
            d.open();
            LOG.info("Simulated {}: Modbus RTU over TCP on 127.0.0.1:{}, unit {}", d.name(), d.port(), SimModbusDevice.UNIT_ID);
        } catch (Exception e) {
            LOG.warn("Simulated {} not started on 127.0.0.1:{}: {}", d.name(), d.port(), e.getMessage());
        }
    }

    @Override
    public Set<SimFault> faults() {
        return Set.of(SimFault.D9, SimFault.D2);
    }

    @Override
    public void inject(SimFault fault, String variant, boolean active) {
        SimModbusDevice d = fault == SimFault.D9 ? mid : fault == SimFault.D2 ? ct : null;
        if (d == null) {
            throw new org.infinergi.sim.internal.SimRejected(fault + ": this simulation has no "
                    + (fault == SimFault.D9 ? "MID meter (midMeterPort=0)" : "CT remote device (ctRemotePort=0)"));
        }
        d.setSilent(active);
        LOG.info("Simulated {} {}", d.name(), active ? "silent (" + fault + " cause)" : "answering");
    }

    @Override
    public boolean active(SimFault fault) {
        SimModbusDevice d = fault == SimFault.D9 ? mid : fault == SimFault.D2 ? ct : null;
        return d != null && d.silent();
    }

    @Override
    public void contribute(Map<String, Object> json) {
        Map<String, Object> modbus = new LinkedHashMap<>();
        for (SimModbusDevice d : devices()) {
            modbus.put(d == mid ? "midMeter" : "ctRemote",
                    Map.of("port", d.port(), "serving", d.serving(), "answering", d.serving() && !d.silent()));
        }
        json.put("modbus", modbus);
    }

    @Deactivate
    void deactivate() {
        opener.shutdownNow();
        try {
            opener.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        devices().forEach(SimModbusDevice::close);
    }
}
