package org.infinergi.feature.green.internal;

import java.util.Locale;

import org.infinergi.feature.green.api.BoostStatus;
import org.infinergi.feature.green.api.GreenCharging;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Shell command {@code charger:boost [on|off]} (manual §5.5), beside {@code charger:status}: without an argument it
 * shows Boost, {@code on} switches it on (in Green mode only), {@code off} switches it off.
 */
@Component(service = BoostCommand.class, property = {"osgi.command.scope=charger", "osgi.command.function=boost"})
public final class BoostCommand {

    private final GreenCharging green;

    @Activate
    public BoostCommand(@Reference GreenCharging green) {
        this.green = green;
    }

    /** Boost now. */
    public String boost() {
        return format(green.boost());
    }

    /** {@code on} or {@code off}. */
    public String boost(String onOff) {
        return switch (onOff.trim().toLowerCase(Locale.ROOT)) {
            case "on" -> format(green.startBoost());
            case "off" -> format(green.stopBoost());
            default -> "usage: charger:boost [on|off]";
        };
    }

    static String format(BoostStatus b) {
        if (b.active()) {
            return b.targetWh() > 0
                    ? String.format(Locale.ROOT, "Boost on: %.1f of %.1f kWh delivered", b.deliveredWh() / 1000,
                            b.targetWh() / 1000)
                    : String.format(Locale.ROOT, "Boost on: %.1f kWh delivered, until the charge ends",
                            b.deliveredWh() / 1000);
        }
        return b.reason().isEmpty() ? "Boost off" : "Boost off: " + b.reason();
    }
}
