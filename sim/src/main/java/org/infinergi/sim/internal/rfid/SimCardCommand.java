package org.infinergi.sim.internal.rfid;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Shell command {@code sim:card <uid>}: presents a card to the simulated reader; alone, shows the reader. */
@Component(service = SimCardCommand.class, property = {
        "osgi.command.scope=sim",
        "osgi.command.function=card",
        "osgi.command.description=Present an RFID card to the simulated reader: sim:card <uid in hex, e.g. 04A2B3C4>"})
public final class SimCardCommand {

    private final SimRfid rfid;

    @Activate
    public SimCardCommand(@Reference SimRfid rfid) {
        this.rfid = rfid;
    }

    /** The reader's state. */
    public String card() {
        return "RFID reader " + rfid.state();
    }

    /** Presents {@code uid}. */
    public String card(String uid) {
        try {
            var r = rfid.present(uid);
            return Boolean.TRUE.equals(r.get("readerOpen"))
                    ? "Card " + r.get("uid") + " presented to the reader on " + r.get("device")
                    : "Card " + r.get("uid") + " presented, but no driver has " + r.get("device") + " open: nothing was read";
        } catch (IllegalArgumentException e) {
            return "Error: " + e.getMessage();
        }
    }
}
