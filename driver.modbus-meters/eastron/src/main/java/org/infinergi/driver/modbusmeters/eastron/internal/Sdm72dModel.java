package org.infinergi.driver.modbusmeters.eastron.internal;

import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.infinergi.driver.modbusmeters.bus.RegisterMap;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Component;

/** Eastron SDM72D-M version 2 (three-phase MID meter with per-phase values, manual §4.7). */
@Component(service = MeterModel.class, property = MeterModel.NAME + "=SDM72D")
@Capability(namespace = MeterModel.CAPABILITY, attribute = "model=SDM72D")
public final class Sdm72dModel implements MeterModel {

    private final RegisterMap map = EastronMaps.sdm72d(true);

    @Override
    public RegisterMap registerMap() {
        return map;
    }
}
