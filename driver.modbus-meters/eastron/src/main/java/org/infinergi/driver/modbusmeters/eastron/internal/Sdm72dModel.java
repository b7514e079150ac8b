package org.infinergi.driver.modbusmeters.eastron.internal;

import org.infinergi.driver.modbusmeters.bus.MapModel;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Component;

/**
 * Eastron SDM72D-M version 2 (three-phase MID meter with per-phase values, manual §4.7): its map is the data file
 * SDM72D.map beside this class.
 */
@Component(service = MeterModel.class, property = MeterModel.NAME + "=SDM72D")
@Capability(namespace = MeterModel.CAPABILITY, attribute = "model=SDM72D")
public final class Sdm72dModel extends MapModel {

    public Sdm72dModel() {
        super("SDM72D.map");
    }
}
