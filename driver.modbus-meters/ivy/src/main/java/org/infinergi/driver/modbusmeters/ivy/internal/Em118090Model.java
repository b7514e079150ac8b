package org.infinergi.driver.modbusmeters.ivy.internal;

import org.infinergi.driver.modbusmeters.bus.MapModel;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Component;

/** IVY EM118090 (single-phase MID meter, manual §4.7): its map is the data file EM118090.map beside this class. */
@Component(service = MeterModel.class, property = MeterModel.NAME + "=EM118090")
@Capability(namespace = MeterModel.CAPABILITY, attribute = "model=EM118090")
public final class Em118090Model extends MapModel {

    public Em118090Model() {
        super("EM118090.map");
    }
}
