package org.infinergi.core.charging.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Tuning of the charging core itself (not a manual setting). Bound to its PID through {@code pid} here, since the
 * core also reads three other PIDs and a {@code @Designate} needs exactly one.
 */
@ObjectClassDefinition(pid = Pids.CORE, name = "Charging core",
        description = "Control loop of the charging core (IEC 61851-1 state machine).")
@interface CoreConfig {

    @AttributeDefinition(name = "Control loop period (ms)", min = "10", max = "1000",
            description = "How often the pilot is read and the offer decided; IEC 61851-1 wants state changes "
                    + "seen within about 50 ms.")
    int loopPeriodMs() default 50;

    @AttributeDefinition(name = "Stop grace (ms)", min = "0", max = "6000",
            description = "When the charger withdraws its offer while the vehicle stays in C, how long the contactor "
                    + "may stay closed for the vehicle to stop drawing (IEC 61851-1 allows about 6 s).")
    int stopGraceMs() default 3000;
}
