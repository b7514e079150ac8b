package org.infinergi.sim.internal.rfid;

import java.util.Map;

/** The simulated RFID reader as the sim's HTTP resource and shell command see it (a service inside this bundle). */
public interface SimRfid {

    /**
     * Presents a card to the reader.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code uid}
     */
    Map<String, Object> present(String uid);

    /** The reader now: {@code device}, {@code readerOpen}, {@code presentations}, {@code lastUid}. */
    Map<String, Object> state();
}
