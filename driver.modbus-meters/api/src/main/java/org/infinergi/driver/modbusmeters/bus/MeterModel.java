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

    /** The register map; the same every time it is asked. */
    RegisterMap registerMap();
}
