package org.infinergi.sim.internal.panel;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Shell commands {@code sim:button <name> [holdMs]} (press a key of the simulated panel) and
 * {@code sim:led} (the logo as seen), Gogo-style services like {@code sim:ev}.
 */
@Component(service = SimButtonCommand.class, property = {
        "osgi.command.scope=sim",
        "osgi.command.function=button",
        "osgi.command.function=led",
        "osgi.command.description=Press a key of the simulated panel: sim:button multi|center|up|down|left|right|left+right [holdMs]"})
public final class SimButtonCommand {

    private final SimPanel panel;

    @Activate
    public SimButtonCommand(@Reference SimPanel panel) {
        this.panel = panel;
    }

    /** Presses {@code name} for 200 ms. */
    public String button(String name) {
        return button(name, 200);
    }

    /** Presses {@code name} for {@code holdMs}. */
    public String button(String name, long holdMs) {
        try {
            SimPanel.PressResult r = panel.press(name, holdMs);
            return "Pressed " + r.button() + " for " + r.holdMs() + " ms (pins " + r.pins() + ")"
                    + (r.attached() ? "" : "; no panel firmware reads these pins");
        } catch (IllegalArgumentException e) {
            return "Error: " + e.getMessage() + "; allowed buttons: " + String.join(", ", SimPanel.BUTTONS);
        }
    }

    /** The logo as an observer sees it. */
    public String led() {
        LedView v = panel.led();
        return v.colour() + " " + v.pattern() + (v.durationMs() != null ? " " + v.durationMs() + " ms" : "")
                + (v.blinks() != null ? " ×" + v.blinks() : "") + " (now " + v.lit() + ")";
    }
}
