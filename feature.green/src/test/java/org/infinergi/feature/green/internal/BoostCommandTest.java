package org.infinergi.feature.green.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.infinergi.feature.green.api.BoostStatus;
import org.junit.jupiter.api.Test;

/** {@code charger:boost} as the technician reads it. */
class BoostCommandTest {

    @Test
    void showsBoostAsTheUserKnowsIt() {
        assertEquals("Boost on: 2.1 of 5.0 kWh delivered", BoostCommand.format(new BoostStatus(true, 2100, 5000, "")));
        assertEquals("Boost on: 0.3 kWh delivered, until the charge ends",
                BoostCommand.format(new BoostStatus(true, 300, 0, "")));
        assertEquals("Boost off: Boost refused: Boost works in Green mode only (manual §5.5); the active mode is FAST",
                BoostCommand.format(new BoostStatus(false, 0, 0,
                        "Boost refused: Boost works in Green mode only (manual §5.5); the active mode is FAST")));
        assertEquals("Boost off", BoostCommand.format(new BoostStatus(false, 0, 0, "")));
    }
}
