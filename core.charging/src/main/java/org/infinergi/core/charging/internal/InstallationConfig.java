package org.infinergi.core.charging.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Manual §7.1.1 "Installation" (first configuration, §4.10). Values are validated by {@link ConfigParser}. */
@ObjectClassDefinition(name = "Installation (manual §7.1.1)",
        description = "First configuration by qualified technical personnel (manual §4.10). It is not possible to "
                + "use infinergi to charge a vehicle until the first configuration has been completed.")
@interface InstallationConfig {

    @AttributeDefinition(name = "Charging enabled",
            description = "Enable/disable the device at the administrative level (manual §7.1.1, §4.10).")
    boolean chargingEnabled() default true;

    @AttributeDefinition(name = "Wiring limit (A)", min = "6", max = "32",
            description = "Maximum current value supported by the electrical system and the size of the cables "
                    + "used for installation. The device will never charge beyond this limit (manual §7.1.1, "
                    + "§4.10). 6..32 A per phase.")
    int wiringLimitA() default 6;

    @AttributeDefinition(name = "Earthing arrangement",
            description = "Type of earthing (TN/TT or IT) (manual §7.1.1, §4.10).",
            options = { @Option(label = "TN/TT", value = "TN_TT"), @Option(label = "IT", value = "IT") })
    String earthing() default "TN_TT";

    @AttributeDefinition(name = "Installation complete", type = AttributeType.BOOLEAN,
            description = "Confirm the end of the installation; until then the device is unusable "
                    + "(manual §7.1.1, §4.10).")
    boolean installationComplete() default false;
}
