package org.infinergi.driver.modbusmeters.eastron.internal;

import org.infinergi.driver.modbusmeters.bus.MeterModel;
import org.infinergi.driver.modbusmeters.bus.RegisterMap;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.Component;

/** Eastron SDM72D-M version 1 (three-phase MID meter, totals only: no per-phase registers). */
@Component(service = MeterModel.class, property = MeterModel.NAME + "=SDM72D-V1")
@Capability(namespace = MeterModel.CAPABILITY, attribute = "model=SDM72D-V1")
public final class Sdm72dV1Model implements MeterModel {

    private final RegisterMap map = EastronMaps.sdm72d(false);

    @Override
    public RegisterMap registerMap() {
        return map;
    }
}
