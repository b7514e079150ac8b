package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The meters org.infinergi.metering selects, published for the drivers (idle CPU budget: an unselected CT or Modbus
 * meter is not measured): what the installer configures is what is published, a rejected value changes nothing.
 */
class MeterSelectionTest {

    private final List<String> events = new ArrayList<>();

    private MeteringConfigComponent metering(Map<String, Object> config, boolean midTerminal) {
        DeviceComponent device = new DeviceComponent(midTerminal
                ? Map.of("model", "INFINERGI-3U-DR", "midMeterTerminal", "true") : Map.of("model", "INFINERGI-3U"));
        return new MeteringConfigComponent(device, config, s -> {
            events.add("+" + s.role() + "/" + s.source());
            return () -> events.add("-" + s.role() + "/" + s.source());
        });
    }

    @Test
    void theFactoryDefaults_selectNoMeterToRead() {
        MeteringConfigComponent m = metering(Map.of(), true);

        assertEquals(List.of(), m.selected(), "internal vehicle meter, no grid meter: the CTs and Modbus rest");
        assertEquals(List.of(), events);
    }

    @Test
    void eachGridMeterChoice_selectsItsMeter_andTheChangeWithdrawsTheOther() {
        MeteringConfigComponent m = metering(Map.of("gridMeter", "CT"), true);
        assertEquals(List.of(new MeterSelection("GRID", "CT")), m.selected());

        m.modified(Map.of("gridMeter", "MODBUS", "vehicleMeter", "MID"));
        assertEquals(List.of(new MeterSelection("VEHICLE", "MID"), new MeterSelection("GRID", "MID")), m.selected());
        m.modified(Map.of("gridMeter", "CT_REMOTE", "vehicleMeter", "MID"));
        m.modified(Map.of("gridMeter", "NONE"));

        assertEquals(List.of("+GRID/CT", "-GRID/CT", "+VEHICLE/MID", "+GRID/MID", "-GRID/MID", "+GRID/CT_REMOTE",
                "-VEHICLE/MID", "-GRID/CT_REMOTE"), events, "only what changed is withdrawn or published");
        m.deactivate();
        assertEquals(List.of(), m.selected());
    }

    @Test
    void aRejectedConfiguration_keepsThePreviousSelection() {
        MeteringConfigComponent m = metering(Map.of("gridMeter", "CT"), false);

        m.modified(Map.of("gridMeter", "SOLAR"));
        m.modified(Map.of("gridMeter", "NONE", "vehicleMeter", "MID")); // no MID terminal on this model

        assertEquals(List.of(new MeterSelection("GRID", "CT")), m.selected(), "the grid meter in use stays measured");
        assertEquals(List.of("+GRID/CT"), events);
    }

    @Test
    void deactivation_withdrawsEverySelection() {
        MeteringConfigComponent m = metering(Map.of("gridMeter", "MODBUS"), true);

        m.deactivate();

        assertEquals(List.of("+GRID/MID", "-GRID/MID"), events);
    }
}
