package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ChargerControl;
import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.internal.CoreState.ActiveError;
import org.junit.jupiter.api.Test;

/** Manual §9.1 "Errors and recovery": which reset clears what, read off the recovery action column. */
class LatchAndRecoveryTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    private static CoreState withError(ErrorCode code, boolean vehicleDisconnected) {
        return CoreState.INITIAL.change()
                .errors(Map.of(code, new ActiveError(T, "seen", vehicleDisconnected)), Map.of(), Timers.NONE, null)
                .build();
    }

    @Test
    void disconnectTheVehicleFirst_exactlyWhereTheManualSaysSo() {
        // §9.1: I1, V1, V2, V3, V4, D6 and D8 begin with "Disconnect the vehicle".
        assertEquals(EnumSet.of(ErrorCode.I1, ErrorCode.V1, ErrorCode.V2, ErrorCode.V3, ErrorCode.V4, ErrorCode.D6,
                ErrorCode.D8), LatchAndRecovery.DISCONNECT_FIRST);
        for (ErrorCode code : ErrorCode.values()) {
            if (code.clearsByItself()) {
                continue;
            }
            ChargerControl.Result plugged = LatchAndRecovery.recover(withError(code, false)).result();
            if (LatchAndRecovery.DISCONNECT_FIRST.contains(code)) {
                assertFalse(plugged.accepted(), code + ": " + plugged.message());
                assertEquals("recovery refused: " + code + ": disconnect the vehicle first (manual §9.1)",
                        plugged.message());
            } else {
                assertTrue(plugged.accepted(), code + ": " + plugged.message());
            }
            ChargerControl.Result unplugged = LatchAndRecovery.recover(withError(code, true)).result();
            assertTrue(unplugged.accepted(), code + ": " + unplugged.message());
        }
    }

    @Test
    void aResetAcceptedForOneErrorDoesNotClearOneThatWaitsForTheVehicleToBeDisconnected() {
        CoreState s = CoreState.INITIAL.change().errors(Map.of(ErrorCode.D1, new ActiveError(T, "panel"),
                ErrorCode.V1, new ActiveError(T, "overload")), Map.of(), Timers.NONE, null).build();
        ControlLogic.Outcome o = LatchAndRecovery.recover(s);
        assertTrue(o.result().accepted());
        assertEquals("recovery: D1 cleared; still active, V1: disconnect the vehicle first (manual §9.1)",
                o.result().message());
        LatchAndRecovery.Latched next = LatchAndRecovery.latch(o.next(), Map.of(), T.plusMillis(50), 300, false);
        assertEquals(List.of(ErrorCode.V1), next.active());
        LatchAndRecovery.Latched unplugged = LatchAndRecovery.latch(o.next(), Map.of(), T.plusMillis(50), 300,
                true);
        assertEquals(List.of(ErrorCode.V1), unplugged.active(),
                "the reset was answered for a plugged vehicle: V1 stays, as the answer said");
        assertTrue(unplugged.errors().get(ErrorCode.V1).vehicleDisconnected(), "the next reset clears it");
    }

    @Test
    void theVehicleSeenDisconnectedIsRemembered() {
        LatchAndRecovery.Latched l = LatchAndRecovery.latch(withError(ErrorCode.V2, false),
                Map.of(ErrorCode.V2, "leak"), T, 300, true);
        assertTrue(l.errors().get(ErrorCode.V2).vehicleDisconnected());
        assertFalse(LatchAndRecovery.describe(l.active(), l.errors()).contains("disconnect the vehicle"));
        assertTrue(LatchAndRecovery.describe(List.of(ErrorCode.V2), Map.of(ErrorCode.V2, new ActiveError(T, "leak")))
                .endsWith("; disconnect the vehicle first (manual §9.1)"));
    }
}
