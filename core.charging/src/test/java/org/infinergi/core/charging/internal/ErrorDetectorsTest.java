package org.infinergi.core.charging.internal;

import static org.infinergi.core.charging.internal.Inputs.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.hal.MeterReading;
import org.junit.jupiter.api.Test;

/** The detectors of manual §9.1 on frozen snapshots: what each sees, and the timers it keeps by error code. */
class ErrorDetectorsTest {

    @Test
    void undervoltage_I3_confirmedOnceItLastsItsDebounce_timerKeyedByTheCode() {
        CoreState prev = Inputs.charging();
        MeterReading low = Inputs.phases(T0, 180, 16);
        Inputs.Seen first = Inputs.detect(Inputs.input(prev, T0, low, low));
        assertFalse(first.causes().containsKey(ErrorCode.I3), "not before voltageDebounceMs");
        assertEquals(Map.of(ErrorCode.I3, T0), first.timers().byError());

        CoreState next = prev.change().errors(Map.of(), Map.of(), first.timers(), null).build();
        java.time.Instant later = T0.plusMillis(CoreSettings.DEFAULTS.voltageDebounceMs());
        MeterReading stillLow = Inputs.phases(later, 180, 16);
        Inputs.Seen second = Inputs.detect(Inputs.input(next, later, stillLow, stillLow));
        assertEquals("input voltage too low: 180 V on a phase, minimum 207 V", second.causes().get(ErrorCode.I3));

        MeterReading back = Inputs.phases(later, 230, 16);
        Inputs.Seen recovered = Inputs.detect(Inputs.input(next, later, back, back));
        assertFalse(recovered.causes().containsKey(ErrorCode.I3));
        assertEquals(Map.of(), recovered.timers().byError(), "one cycle without the condition restarts its timer");
    }

    @Test
    void overload_V1_judgesTheInternalMeter_notTheVehicleMetersStatistics() {
        CoreState prev = Inputs.charging().change()
                .errors(Map.of(), Map.of(), new Timers(Map.of(ErrorCode.V1, T0.minusSeconds(10)), Map.of()), null)
                .build();
        MeterReading drawing25 = Inputs.phases(T0, 230, 25);
        MeterReading drawing16 = Inputs.phases(T0, 230, 16);
        assertTrue(Inputs.detect(Inputs.input(prev, T0, drawing25, drawing16)).causes().containsKey(ErrorCode.V1));
        assertFalse(Inputs.detect(Inputs.input(prev, T0, drawing16, drawing25)).causes().containsKey(ErrorCode.V1));
        assertTrue(Inputs.detect(Inputs.input(prev, T0, drawing25, null)).causes().containsKey(ErrorCode.V1),
                "a silent vehicle meter does not blind the protection");
    }

    @Test
    void aStaleInternalReading_judgesNothing() {
        CoreState prev = Inputs.charging().change()
                .errors(Map.of(), Map.of(), new Timers(Map.of(ErrorCode.V1, T0.minusSeconds(10)), Map.of()), null)
                .build();
        MeterReading old = Inputs.phases(T0.minusMillis(CoreSettings.DEFAULTS.meterFreshMs() + 1), 230, 25);
        assertFalse(Inputs.detect(Inputs.input(prev, T0, old, old)).causes().containsKey(ErrorCode.V1));
    }
}
