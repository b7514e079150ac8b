package org.infinergi.driver.modbusmeters.bus;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A meter model the bus can read, registered as a service by a vendor bundle with the service property
 * {@value #NAME} = {@link RegisterMap#model()}. A configured meter ({@code org.infinergi.meter.modbus}
 * {@code model=...}) is read with the map of the model service of that name.
 */
@ConsumerType
public interface MeterModel {

    /** Service property: the model name as configured ({@code SDM72D}, {@code SDM230}, {@code CT-REMOTE} …). */
    String NAME = "infinergi.meter.model";

    /**
     * Bundle capability namespace a vendor bundle declares once per model it carries (attribute {@code model}), so
     * the bus knows the installed models from the bundles themselves — also before they start.
     */
    String CAPABILITY = "org.infinergi.meter.model";

    /** The register map; the same every time it is asked. */
    RegisterMap registerMap();

    /** The meter's factory serial settings, used for what the configuration leaves out (manual §4.7). */
    default SerialDefaults serialDefaults() {
        return SerialDefaults.COMMON;
    }

    /**
     * How long after power-up the meter may not answer yet (IVY meters: about a minute, manual §9.1 note 5); 0 for
     * meters that answer at once.
     */
    default long startupGraceMs() {
        return 0;
    }
}
