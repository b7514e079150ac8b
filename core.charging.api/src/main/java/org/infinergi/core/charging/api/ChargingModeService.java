package org.infinergi.core.charging.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A charging mode of manual §5.1 in its own bundle (ARCHITECTURE.md "Modes are bundles"): Green (§5.1.2),
 * Programmed (§5.1.3), OCPP (§5.1.4). Registered with the service property {@value #MODE} naming the
 * {@link ChargingMode} it decides for, e.g. {@code infinergi.mode=GREEN}. The core asks the service of the
 * configured {@code activeMode} once per control cycle; Fast (§5.1.1) is the core's own default and needs no
 * service. An active mode without a service means no charge ("mode X not installed").
 *
 * <p>A mode can only lower the current: its answer is one more limit beside the {@link LimitProvider}s, and the
 * safety of the charge stays with the core.
 */
@ConsumerType
public interface ChargingModeService {

    /** Service property: the {@link ChargingMode} name this service decides for ({@code GREEN}, …). */
    String MODE = "infinergi.mode";

    /**
     * The mode's word now. Called from the core's control loop: must return in microseconds, never block on
     * I/O, never throw. A service that throws or returns null is taken as "do not charge now".
     */
    ModeDecision decide();
}
