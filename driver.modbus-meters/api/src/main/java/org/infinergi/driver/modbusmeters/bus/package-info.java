/**
 * What a meter vendor bundle gives the Modbus bus: a {@link org.infinergi.driver.modbusmeters.bus.MeterModel}
 * service whose {@link org.infinergi.driver.modbusmeters.bus.RegisterMap} says which registers hold the voltages,
 * currents, power and energy, how they are encoded (type, word order) and scaled to volts, amperes, watts and
 * watt-hours. The bus reads, decodes and validates; vendor bundles hold data, no I/O.
 * 2.0.0: the CT remote device's source is {@code RegisterMap.Source.CT_REMOTE} (was {@code CT}: that name is the
 * wired CTs' now, hal 1.4.0).
 */
@Export
@Version("2.0.0")
package org.infinergi.driver.modbusmeters.bus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
