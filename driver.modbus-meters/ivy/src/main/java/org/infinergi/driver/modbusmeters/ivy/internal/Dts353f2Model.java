package org.infinergi.driver.modbusmeters.ivy.internal;

import org.infinergi.driver.modbusmeters.bus.MapModel;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Component;

/** IVY DTS353F-2 (three-phase MID meter, manual §4.7): its map is the data file DTS353F-2.map beside this class. */
@Component(service = MeterModel.class, property = MeterModel.NAME + "=DTS353F-2")
@Capability(namespace = MeterModel.CAPABILITY, attribute = "model=DTS353F-2")
public final class Dts353f2Model extends MapModel {

    public Dts353f2Model() {
        super("DTS353F-2.map");
    }
}
