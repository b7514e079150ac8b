package org.infinergi.feature.panel.internal;

import java.util.List;

/** The panel's I/O as the panel logic uses it (pi4j on the board and the mock platform: {@link Pi4jPanelHardware}). */
interface PanelHardware extends AutoCloseable {

    void led(LedColour colour);

    void buzzer(boolean on);

    /** Whether {@code button} is pressed now (polarity applied). */
    boolean pressed(Button button);

    /**
     * A key's level changed: pressed or released at {@code atMs} (the panel's clock, taken when the edge was seen).
     */
    record KeyEdge(Button button, boolean pressed, long atMs) {
    }

    /** The edges since the last call, oldest first (each returned once). */
    List<KeyEdge> edges();

    /** Drives the probe line to the panel board. */
    void probe(boolean high);

    /** The probe as the panel board loops it back. */
    boolean echo();

    /** Runs {@code wake} whenever a key's level changes (an edge), on whatever thread saw it. */
    default void onKeyChange(Runnable wake) {
    }

    @Override
    void close();
}
