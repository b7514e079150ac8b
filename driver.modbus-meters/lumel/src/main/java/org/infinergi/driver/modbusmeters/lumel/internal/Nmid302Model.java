package org.infinergi.driver.modbusmeters.lumel.internal;

import org.infinergi.driver.modbusmeters.bus.MapModel;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Component;

/** LUMEL NMID30-2 (MID meter wired single- or three-phase, manual §4.7): its map is the data file NMID30-2.map beside this class. */
@Component(service = MeterModel.class, property = MeterModel.NAME + "=NMID30-2")
@Capability(namespace = MeterModel.CAPABILITY, attribute = "model=NMID30-2")
public final class Nmid302Model extends MapModel {

    public Nmid302Model() {
        super("NMID30-2.map");
    }
}
