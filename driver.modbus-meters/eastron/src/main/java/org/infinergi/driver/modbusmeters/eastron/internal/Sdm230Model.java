package org.infinergi.driver.modbusmeters.eastron.internal;

import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.infinergi.driver.modbusmeters.bus.RegisterMap;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Component;

/** Eastron SDM230 (single-phase MID meter, manual §4.7). */
@Component(service = MeterModel.class, property = MeterModel.NAME + "=SDM230")
@Capability(namespace = MeterModel.CAPABILITY, attribute = "model=SDM230")
public final class Sdm230Model implements MeterModel {

    private final RegisterMap map = EastronMaps.sdm230();

    @Override
    public RegisterMap registerMap() {
        return map;
    }
}
