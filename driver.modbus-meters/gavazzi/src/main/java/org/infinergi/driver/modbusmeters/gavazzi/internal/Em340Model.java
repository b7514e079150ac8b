package org.infinergi.driver.modbusmeters.gavazzi.internal;

import org.infinergi.driver.modbusmeters.bus.MapModel;
import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Component;

/** Carlo Gavazzi EM340 (three-phase MID meter, manual §4.7): its map is the data file EM340.map beside this class. */
@Component(service = MeterModel.class, property = MeterModel.NAME + "=EM340")
@Capability(namespace = MeterModel.CAPABILITY, attribute = "model=EM340")
public final class Em340Model extends MapModel {

    public Em340Model() {
        super("EM340.map");
    }
}
