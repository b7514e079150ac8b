package org.infinergi.sim.internal.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.infinergi.sim.hw.SimBoard;
import org.infinergi.sim.internal.SimFault;
import org.junit.jupiter.api.Test;

/** The hooks into hw-faults' /api/sim and /api/sim/fault: the led object and the D1 cause. */
class SimPanelComponentTest {

    @Test
    void contributesLedAndInjectsD1() {
        try (SimBoard board = new SimBoard()) {
            SimPanelComponent c = new SimPanelComponent(() -> board);
            try {
                Map<String, Object> json = new HashMap<>();
                c.contribute(json);
                assertTrue(json.get("led") instanceof LedView);
                assertEquals(Set.of(SimFault.D1), c.faults());
                c.inject(SimFault.D1, null, true);
                assertTrue(c.silent() && c.active(SimFault.D1));
                c.inject(SimFault.D1, null, false);
                assertFalse(c.active(SimFault.D1));
            } finally {
                c.deactivate();
            }
        }
    }
}
