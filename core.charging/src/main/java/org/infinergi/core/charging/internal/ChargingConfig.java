package org.infinergi.core.charging.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Manual §7.2.1 "Charging" (charging modes §5.1). Values are validated by {@link ConfigParser}. */
@ObjectClassDefinition(name = "Charging (manual §7.2.1)",
        description = "User settings of the charging modes (manual §5.1).")
@interface ChargingConfig {

    @AttributeDefinition(name = "Active mode", description = "Currently active charging mode (manual §7.2.1, §5.1).",
            options = { @Option(label = "Fast (§5.1.1)", value = "FAST"),
                    @Option(label = "Green (§5.1.2)", value = "GREEN"),
                    @Option(label = "Programmed (§5.1.3)", value = "PROGRAMMED"),
                    @Option(label = "OCPP (§5.1.4)", value = "OCPP") })
    String activeMode() default "FAST";

    @AttributeDefinition(name = "Maximum charge rate (A)", min = "6", max = "32",
            description = "User limit to charging power, below the value entered during installation "
                    + "(manual §7.2.1, §5.1, §5.1.1). 6..32 A per phase.")
    int maxChargeRateA() default 32;
}
