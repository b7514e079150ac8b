package org.infinergi.core.charging.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Manual §5.6 "Over temperature limitation". */
@ObjectClassDefinition(name = "Over temperature limitation (manual §5.6)",
        description = "Infinergi constantly monitors the internal temperature to avoid overheating problems and "
                + "potential failures (manual §5.6).")
@interface ThermalConfig {

    @AttributeDefinition(name = "Warning threshold (°C)", min = "0", max = "150",
            description = "As soon as the temperature exceeds a first warning threshold, infinergi decreases the "
                    + "charge rate, regardless of the active charging mode (manual §5.6): proportionally, from "
                    + "32 A at this threshold down to 6 A at the critical threshold.")
    int warningC() default 70;

    @AttributeDefinition(name = "Critical threshold (°C)", min = "0", max = "150",
            description = "If the temperature continues to rise above a second critical threshold, charging is "
                    + "stopped and infinergi reports an error (D7 Overheating, manual §5.6, §9.1).")
    int criticalC() default 85;

    @AttributeDefinition(name = "Recovery threshold (°C)", min = "0", max = "150",
            description = "D7 persists until the temperature returns to the acceptable range: below this "
                    + "threshold it clears by itself (manual §9.1). Must be below the critical threshold.")
    int recoveryC() default 65;
}
