package org.infinergi.feature.ocpp.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One MeterValue of OCPP 1.6 §7.32 (a timestamp and its sampled values) for the measurands a configuration key lists
 * (MeterValuesSampledData, MeterValuesAlignedData, StopTxnSampledData, StopTxnAlignedData), in the context the
 * reading was taken (§7.30 ReadingContext: Sample.Periodic, Sample.Clock, Transaction.Begin, Transaction.End).
 */
final class Measurands {

    static final String ENERGY = "Energy.Active.Import.Register";
    static final String POWER = "Power.Active.Import";

    private Measurands() {
    }

    /** A key's comma-separated measurands; empty for an empty value. */
    static List<String> of(String keyValue) {
        return keyValue == null || keyValue.isBlank() ? List.of()
                : Arrays.stream(keyValue.split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList();
    }

    /**
     * A MeterValue with the listed measurands this charger reads (the energy register of the vehicle meter in use,
     * the active power when known); null when none of them could be given.
     */
    static ObjectNode meterValue(Frames frames, Instant at, List<String> measurands, String context, long registerWh,
            OptionalDouble powerW) {
        ObjectNode mv = frames.object().put("timestamp", at.toString());
        ArrayNode values = mv.putArray("sampledValue");
        if (measurands.contains(ENERGY)) {
            values.addObject().put("value", Long.toString(registerWh)).put("context", context)
                    .put("measurand", ENERGY).put("location", "Outlet").put("unit", "Wh");
        }
        if (measurands.contains(POWER) && powerW.isPresent()) {
            values.addObject().put("value", Long.toString(Math.round(powerW.getAsDouble()))).put("context", context)
                    .put("measurand", POWER).put("location", "Outlet").put("unit", "W");
        }
        return values.isEmpty() ? null : mv;
    }
}
