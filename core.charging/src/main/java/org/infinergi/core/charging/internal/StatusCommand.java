package org.infinergi.core.charging.internal;

import java.util.Locale;

import org.infinergi.core.charging.api.ChargerStatus;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.api.ChargerStatusService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Shell command {@code charger:status} for the service technician, as a Gogo-style command service. */
@Component(service = StatusCommand.class, property = { "osgi.command.scope=charger",
        "osgi.command.function=status" })
public final class StatusCommand {

    private final ChargerStatusService statusService;

    @Activate
    public StatusCommand(@Reference ChargerStatusService statusService) {
        this.statusService = statusService;
    }

    /** The charger's status, one field per line. */
    public String status() {
        return format(statusService.status());
    }

    static String format(ChargerStatus s) {
        StringBuilder b = new StringBuilder();
        line(b, "model", s.model());
        line(b, "state", s.state() + " (" + s.state().text() + ")");
        line(b, "pilot", s.pilot() == null ? "-" : s.pilot().name());
        line(b, "offered current", String.format(Locale.ROOT, "%.1f A", s.offeredCurrentA()));
        line(b, "duty cycle", String.format(Locale.ROOT, "%.1f %%", s.dutyCyclePct()));
        line(b, "contactor", s.contactorClosed() ? "closed" : "open");
        line(b, "limited by", s.limitedBy() == null ? "-" : s.limitedBy());
        line(b, "mode", String.valueOf(s.mode()) + (s.activeProgram() == null ? "" : " " + s.activeProgram()));
        line(b, "power", String.format(Locale.ROOT, "%.0f W", s.powerW()));
        line(b, "session energy", String.format(Locale.ROOT, "%.1f Wh", s.sessionEnergyWh()));
        line(b, "error", s.error() == null ? "-"
                : s.error() + " (category " + s.errorCategory() + ")");
        line(b, "active errors", s.activeErrors().isEmpty() ? "-" : String.join(", ", s.activeErrors()));
        line(b, "detail", s.detail() == null || s.detail().isEmpty() ? "-" : s.detail());
        if (s.configurationError() != null) {
            line(b, "configuration error", s.configurationError());
        }
        for (ConfigurationRejection r : s.rejectedConfigurations()) {
            line(b, "rejected", r.pid() + " " + r.key() + "=" + r.value() + ": " + r.reason());
        }
        line(b, "at", String.valueOf(s.at()));
        return b.toString();
    }

    private static void line(StringBuilder b, String key, String value) {
        b.append(String.format(Locale.ROOT, "%-20s %s%n", key + ":", value));
    }
}
