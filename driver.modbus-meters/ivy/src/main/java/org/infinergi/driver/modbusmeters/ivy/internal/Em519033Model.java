package org.infinergi.driver.modbusmeters.ivy.internal;

import org.infinergi.driver.modbusmeters.bus.MapModel;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Component;

/** IVY EM519033 (three-phase MID meter, manual §4.7): its map is the data file EM519033.map beside this class. */
@Component(service = MeterModel.class, property = MeterModel.NAME + "=EM519033")
@Capability(namespace = MeterModel.CAPABILITY, attribute = "model=EM519033")
public final class Em519033Model extends MapModel {

    public Em519033Model() {
        super("EM519033.map");
    }
}
