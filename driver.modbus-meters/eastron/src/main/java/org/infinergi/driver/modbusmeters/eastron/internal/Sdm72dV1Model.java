package org.infinergi.driver.modbusmeters.eastron.internal;

import org.infinergi.driver.modbusmeters.bus.MapModel;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Component;

/**
 * Eastron SDM72D-M version 1 (three-phase MID meter, totals only: no per-phase registers): its map is the data file
 * SDM72D-V1.map beside this class.
 */
@Component(service = MeterModel.class, property = MeterModel.NAME + "=SDM72D-V1")
@Capability(namespace = MeterModel.CAPABILITY, attribute = "model=SDM72D-V1")
public final class Sdm72dV1Model extends MapModel {

    public Sdm72dV1Model() {
        super("SDM72D-V1.map");
    }
}
