package org.infinergi.driver.modbusmeters.eastron.internal;

import org.infinergi.driver.modbusmeters.bus.MapModel;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Component;

/** Eastron SDM230 (single-phase MID meter, manual §4.7): its map is the data file SDM230.map beside this class. */
@Component(service = MeterModel.class, property = MeterModel.NAME + "=SDM230")
@Capability(namespace = MeterModel.CAPABILITY, attribute = "model=SDM230")
public final class Sdm230Model extends MapModel {

    public Sdm230Model() {
        super("SDM230.map");
    }
}
