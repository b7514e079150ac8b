package org.infinergi.sim.internal.rfid;

import java.util.LinkedHashMap;
import java.util.Map;

import com.pi4j.context.Context;
import com.pi4j.io.serial.SerialProvider;

import org.infinergi.sim.hw.SimulatedSerialProvider;
import org.infinergi.sim.internal.SimStateContributor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the simulated RFID reader on the simulated board's UART at the device path the RFID driver is configured
 * with (PID {@code org.infinergi.driver.rfid}, key {@code device}), so the driver reads real frame bytes through
 * pi4j's {@code Serial}. Adds {@code rfid} to {@code GET /api/sim}.
 */
@Component(immediate = true, service = {SimRfid.class, SimStateContributor.class},
        configurationPid = "org.infinergi.driver.rfid", configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class SimRfidComponent implements SimRfid, SimStateContributor {

    private static final Logger LOG = LoggerFactory.getLogger(SimRfidComponent.class);

    private final SimulatedSerialProvider ports;
    private final String device;
    private final SimRfidReader reader = new SimRfidReader();

    @Activate
    public SimRfidComponent(@Reference(target = "(infinergi.pi4j.platform=sim)") Context pi4j, ReaderPort port) {
        // The simulated board's context carries our serial provider (SimBoard); pi4j hands out the instance itself.
        this(pi4j.provider(SimulatedSerialProvider.ID, SerialProvider.class), port);
    }

    SimRfidComponent(SerialProvider provider, ReaderPort port) {
        this.ports = (SimulatedSerialProvider) provider;
        this.device = port.device();
        ports.attach(device, reader);
        LOG.info("Simulated RFID reader on {}", device);
    }

    @Override
    public Map<String, Object> present(String uid) {
        String card = CardUid.parse(uid);
        SimRfidReader.Presented p = reader.present(card);
        if (p.readerOpen()) {
            LOG.info("Simulated RFID reader: card {} presented", card);
        } else {
            LOG.info("Simulated RFID reader: card {} presented, but no driver has {} open: nothing read", card, device);
        }
        Map<String, Object> json = state();
        json.put("uid", p.uid());
        json.put("bytesSent", p.bytesSent());
        return json;
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("device", device);
        json.put("readerOpen", reader.open());
        json.put("presentations", reader.presentations());
        json.put("lastUid", reader.lastUid());
        return json;
    }

    @Override
    public void contribute(Map<String, Object> json) {
        json.put("rfid", state());
    }

    @Deactivate
    void deactivate() {
        ports.detach(device, reader);
    }
}
