package org.infinergi.core.charging.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Manual §5.2 "Energy meters" (configuration parameters "Vehicle meter" and "Grid meter", §7.2.1). */
@ObjectClassDefinition(name = "Energy meters (manual §5.2)",
        description = "Which meters measure the energy supplied to the vehicle and imported/exported from the grid.")
@interface MeteringConfig {

    @AttributeDefinition(name = "Vehicle meter",
            description = "Internal: the integrated meter (manual §5.2.1.1). MID: a MID-approved meter on RS485 "
                    + "(§5.2.1.2); when it does not answer the device reports D9 (manual §9.1).",
            options = { @Option(label = "Internal", value = "INTERNAL"), @Option(label = "MID meter", value = "MID") })
    String vehicleMeter() default "INTERNAL";

    @AttributeDefinition(name = "Grid meter",
            description = "None; CT: the wired CTs on the board's CT inputs (manual §4.6); CT_REMOTE: the paired CT "
                    + "remote device (radio; when it does not answer the device reports D2, manual §9.1); MODBUS: a "
                    + "Modbus meter configured with role GRID (manual §5.2.2).",
            options = { @Option(label = "None", value = "NONE"), @Option(label = "Wired CTs", value = "CT"),
                    @Option(label = "CT remote device", value = "CT_REMOTE"),
                    @Option(label = "Modbus meter", value = "MODBUS") })
    String gridMeter() default "NONE";
}
