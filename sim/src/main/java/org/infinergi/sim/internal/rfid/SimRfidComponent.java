package org.infinergi.sim.internal.rfid;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import com.pi4j.context.Context;
import com.pi4j.io.serial.SerialConfig;
import com.pi4j.io.serial.SerialProvider;

import org.infinergi.sim.hw.SimulatedPn532;
import org.infinergi.sim.hw.SimulatedSerialDevice;
import org.infinergi.sim.hw.SimulatedSerialProvider;
import org.infinergi.sim.internal.SimStateContributor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the simulated RFID reader to the simulated board's UART at the device path the RFID driver opens, so the
 * driver reads real frames through pi4j's {@code Serial} wherever its own configuration puts the reader (the sim
 * reads no driver PID). The reader is the manual's ISO/IEC 14443 one, a simulated NXP PN532 (HSU, 115200 baud);
 * a driver that opens the UART at 9600 baud finds an RDM6300-type module instead (the 125 kHz driver kept as
 * a second bundle). Adds {@code rfid} to {@code GET /api/sim}.
 */
@Component(immediate = true, service = {SimRfid.class, SimStateContributor.class})
public final class SimRfidComponent implements SimRfid, SimStateContributor {

    private static final Logger LOG = LoggerFactory.getLogger(SimRfidComponent.class);
    private static final int RDM6300_BAUD = 9600;

    private final SimulatedSerialProvider ports;
    private final SimulatedPn532 pn532 = new SimulatedPn532();
    private final SimRfidReader rdm6300 = new SimRfidReader();
    private final Function<SerialConfig, SimulatedSerialDevice> wiring = this::wire;
    /** Where the reader is wired (null until a driver opened a port) and which module it is. */
    private String device;
    private SimulatedSerialDevice module = pn532;
    private String lastUid;
    private int presentations;

    @Activate
    public SimRfidComponent(@Reference(target = "(infinergi.pi4j.platform=sim)") Context pi4j) {
        // The simulated board's context carries our serial provider (SimBoard); pi4j hands out the instance itself.
        this(pi4j.provider(SimulatedSerialProvider.ID, SerialProvider.class));
    }

    SimRfidComponent(SerialProvider provider) {
        this.ports = (SimulatedSerialProvider) provider;
        ports.attachOnOpen(wiring);
    }

    /** A driver opens {@code c.device()} with nothing there: the reader moves there unless it is in use elsewhere. */
    private synchronized SimulatedSerialDevice wire(SerialConfig c) {
        if (device != null && open()) {
            return null; // one reader, one UART: it is wired where a driver already reads it
        }
        if (device != null) {
            ports.detach(device, module);
        }
        device = c.device();
        module = c.baud() != null && c.baud() == RDM6300_BAUD ? rdm6300 : pn532;
        LOG.info("Simulated RFID reader ({}) wired to {}", module == pn532 ? "PN532" : "RDM6300", device);
        return module;
    }

    private boolean open() {
        return module == pn532 ? pn532.isOpen() : rdm6300.open();
    }

    @Override
    public synchronized Map<String, Object> present(String uid) {
        String card = CardUid.parse(uid);
        boolean open = open();
        int bytesSent = 0;
        if (module == pn532) {
            checkIso14443(card);
            if (open) {
                pn532.present(card); // a swipe nobody reads is lost, as on the RDM6300's UART
            }
        } else {
            bytesSent = rdm6300.present(card).bytesSent();
        }
        lastUid = card;
        presentations++;
        LOG.info("Simulated RFID reader: card {} presented{}", card, open ? "" : ", but no driver has the reader's"
                + " UART open: nothing read");
        Map<String, Object> json = state();
        json.put("uid", card);
        json.put("bytesSent", bytesSent);
        return json;
    }

    private static void checkIso14443(String card) {
        int bytes = card.length() / 2;
        if (bytes != 4 && bytes != 7 && bytes != 10) {
            throw new IllegalArgumentException("uid \"" + card + "\" is " + bytes + " bytes: the ISO/IEC 14443 reader"
                    + " reads UIDs of 4, 7 or 10 bytes");
        }
    }

    @Override
    public synchronized Map<String, Object> state() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("device", device);
        json.put("module", module == pn532 ? "PN532" : "RDM6300");
        json.put("readerOpen", open());
        json.put("presentations", presentations);
        json.put("lastUid", lastUid);
        json.put("cardDetections", pn532.detections());
        return json;
    }

    @Override
    public void contribute(Map<String, Object> json) {
        json.put("rfid", state());
    }

    @Deactivate
    synchronized void deactivate() {
        ports.detachOnOpen(wiring);
        if (device != null) {
            ports.detach(device, module);
        }
    }
}
