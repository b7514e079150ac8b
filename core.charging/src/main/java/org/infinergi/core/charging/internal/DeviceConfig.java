package org.infinergi.core.charging.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The device label (manual §2.4) and the model's electrical facts (manual §2.6); set by the image. */
@ObjectClassDefinition(name = "Device (manual §2.4, §2.6)",
        description = "Identity of the label and rating of the model; shipped by the image, not edited by users.")
@interface DeviceConfig {

    @AttributeDefinition(name = "Model", description = "Model of the label, e.g. INFINERGI-3T-DR (manual §2.4, §2.6).")
    String model() default "INFINERGI";

    @AttributeDefinition(name = "Serial number", description = "Serial number of the label (manual §2.4).")
    String serial() default "";

    @AttributeDefinition(name = "MAC address", description = "MAC address of the label (manual §2.4).")
    String mac() default "";

    @AttributeDefinition(name = "Phases", description = "1 (7.4 kW models) or 3 (22 kW models) (manual §2.6).",
            options = { @Option(label = "1 (7.4 kW)", value = "1"), @Option(label = "3 (22 kW)", value = "3") })
    int phases() default 3;

    @AttributeDefinition(name = "Rated current (A)", min = "6", max = "32",
            description = "Rated current per phase of the model; the device never offers more (manual §2.6).")
    int ratedCurrentA() default 32;

    @AttributeDefinition(name = "Tethered", description = "true: fixed cable (T models); false: socket (U models).")
    boolean tethered() default true;

    @AttributeDefinition(name = "MID meter terminal",
            description = "true: the RS485 terminal block for a MID-certified Modbus RTU meter is fitted (-DR models, "
                    + "manual §2.6); only then can the vehicle meter be a MID meter (manual §5.2.1.2).")
    boolean midMeterTerminal() default false;

    @AttributeDefinition(name = "RFID reader",
            description = "true: the RFID reader is fitted (-DR models, manual §2.6): until the authentication "
                    + "feature has started, a vehicle waits for authentication (manual §5.7).")
    boolean rfidReader() default false;
}
