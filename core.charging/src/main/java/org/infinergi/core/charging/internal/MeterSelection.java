package org.infinergi.core.charging.internal;

import java.util.ArrayList;
import java.util.List;

import org.infinergi.core.charging.hal.SelectedMeter;

/**
 * The meters a metering configuration selects ({@link SelectedMeter}): the MID vehicle meter with
 * {@code vehicleMeter=MID}, the grid meter {@code gridMeter} names. The internal meter is never one: it serves the
 * protections whatever the choice (manual §5.2.1.2).
 *
 * @param role   {@code VEHICLE} or {@code GRID}
 * @param source the selected meter's source, as its {@code Meter} service says it
 */
record MeterSelection(String role, String source) {

    static List<MeterSelection> of(MeteringSettings s) {
        List<MeterSelection> out = new ArrayList<>();
        if (s.vehicleMeter() == MeteringSettings.VehicleMeter.MID) {
            out.add(new MeterSelection("VEHICLE", "MID"));
        }
        if (s.gridMeter() != MeteringSettings.GridMeter.NONE) {
            out.add(new MeterSelection("GRID", ElectricalReadingsComponent.gridSource(s.gridMeter())));
        }
        return List.copyOf(out);
    }
}
