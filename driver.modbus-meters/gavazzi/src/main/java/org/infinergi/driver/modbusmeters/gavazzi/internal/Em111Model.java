package org.infinergi.driver.modbusmeters.gavazzi.internal;

import org.infinergi.driver.modbusmeters.bus.MapModel;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Component;

/** Carlo Gavazzi EM111 (single-phase MID meter, manual §4.7): its map is the data file EM111.map beside this class. */
@Component(service = MeterModel.class, property = MeterModel.NAME + "=EM111")
@Capability(namespace = MeterModel.CAPABILITY, attribute = "model=EM111")
public final class Em111Model extends MapModel {

    public Em111Model() {
        super("EM111.map");
    }
}
