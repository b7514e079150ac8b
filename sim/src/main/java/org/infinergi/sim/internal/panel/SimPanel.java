package org.infinergi.sim.internal.panel;

import java.util.List;

/** The simulated front panel board, as the sim's HTTP resources and shell commands use it. */
public interface SimPanel {

    /** Button names accepted by {@link #press}; "left+right" is the two keys together (manual §6.2.2). */
    List<String> BUTTONS = List.of("multi", "center", "up", "down", "left", "right", "left+right");

    /** The logo as an observer sees it now. */
    LedView led();

    /**
     * Presses {@code button} now and releases it {@code holdMs} later (returns at once).
     *
     * @throws IllegalArgumentException unknown button or holdMs outside [1, 600000]
     */
    PressResult press(String button, long holdMs);

    /** D1 cause: the panel board stops answering (its echo of the probe stops following). */
    void setSilent(boolean silent);

    boolean silent();

    /**
     * @param button   the name pressed
     * @param holdMs   how long it is held
     * @param pins     the input pins it drives
     * @param attached whether the firmware has opened all those inputs (false: no panel firmware running)
     */
    record PressResult(String button, long holdMs, List<Integer> pins, boolean attached) {
    }
}
