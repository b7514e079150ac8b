package org.infinergi.core.charging.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.ChargingModeService;
import org.infinergi.core.charging.api.ModeDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The charging mode services bound to the core (manual §5.1, ARCHITECTURE.md "Modes are bundles"), each named by
 * its {@value ChargingModeService#MODE} property. Once per cycle the active mode's service is asked, outside the
 * pure control logic, and its answer goes into the cycle's snapshot. Fast needs no service.
 */
final class ModeServices {

    private final Logger log = LoggerFactory.getLogger(ModeServices.class);

    private record Bound(ChargingMode mode, ChargingModeService service) {
    }

    private final List<Bound> bound = new CopyOnWriteArrayList<>();

    void add(ChargingModeService service, Map<String, ?> properties) {
        Object name = properties.get(ChargingModeService.MODE);
        ChargingMode mode;
        try {
            mode = ChargingMode.valueOf(String.valueOf(name).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            log.warn("Charging mode service {} ignored: {}={} names no charging mode (FAST, GREEN, PROGRAMMED, "
                    + "OCPP)", service.getClass().getName(), ChargingModeService.MODE, name);
            return;
        }
        bound.add(new Bound(mode, service));
    }

    void remove(ChargingModeService service) {
        bound.removeIf(b -> b.service() == service);
    }

    /**
     * The word of {@code active}'s service: {@link ModeDecision#charge()} for Fast (the core's own mode), null
     * when no service is installed for it, a pause when the service fails (the safe side). With two services for
     * one mode the first bound decides.
     */
    ModeDecision ask(ChargingMode active) {
        if (active == ChargingMode.FAST) {
            return ModeDecision.charge();
        }
        for (Bound b : bound) {
            if (b.mode() == active) {
                return ask(b);
            }
        }
        return null;
    }

    private ModeDecision ask(Bound b) {
        try {
            ModeDecision d = b.service().decide();
            return d != null ? d : ModeDecision.pause("mode " + b.mode() + " gave no answer");
        } catch (RuntimeException | LinkageError e) {
            log.debug("Charging mode service {} failed: {}", b.mode(), e.toString());
            return ModeDecision.pause("mode " + b.mode() + " failed (" + e + ")");
        }
    }
}
