package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DutyCycleTest {

    @Test
    void iec61851FormulaBetween6And51Amps() {
        assertEquals(10.0, DutyCycle.forCurrent(6), 1e-9);
        assertEquals(26.7, DutyCycle.forCurrent(16), 0.05);
        assertEquals(53.3, DutyCycle.forCurrent(32), 0.05);
        assertEquals(85.0, DutyCycle.forCurrent(51), 1e-9);
    }

    @Test
    void iec61851FormulaAbove51Amps() {
        assertEquals(88.0, DutyCycle.forCurrent(60), 1e-9);
        assertEquals(96.0, DutyCycle.forCurrent(80), 1e-9);
        assertEquals(96.0, DutyCycle.forCurrent(100), 1e-9, "capped at 80 A");
    }

    @Test
    void noOfferBelowSixAmps() {
        assertEquals(100.0, DutyCycle.forCurrent(5.99));
        assertEquals(100.0, DutyCycle.forCurrent(0));
        assertEquals(100.0, DutyCycle.forCurrent(Double.NaN));
    }
}
