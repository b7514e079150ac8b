package org.infinergi.core.charging.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Out of service, kept across restarts; written by the firmware when a user takes the device out of service. */
@ObjectClassDefinition(name = "Availability",
        description = "Whether the device was taken out of service (ChargerControl.setOutOfService); no etc file, "
                + "a factory reset deletes it.")
@interface AvailabilityConfig {

    @AttributeDefinition(name = "Out of service",
            description = "true: no charging until the device is put back in service.")
    boolean outOfService() default false;
}
