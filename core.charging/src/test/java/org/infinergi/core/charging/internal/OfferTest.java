package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.infinergi.core.charging.api.ChargingMode;
import org.infinergi.core.charging.api.Limit;
import org.infinergi.core.charging.api.ModeDecision;
import org.junit.jupiter.api.Test;

/** The offer: the minimum over all limits and the active mode's word (manual §5.1), nothing below 6 A. */
class OfferTest {

    private static final List<Limit> DLM_16 = List.of(Limit.of(16, "dlm"));

    @Test
    void fast_needsNoService_andIgnoresAnyDecision() {
        Offer o = Offer.of(DLM_16, ChargingMode.FAST, null, 3);
        assertEquals(16, o.amps());
        assertEquals("dlm", o.limitedBy());
        assertEquals(16, Offer.of(DLM_16, ChargingMode.FAST, ModeDecision.pause("x"), 3).amps());
    }

    @Test
    void aModeWithoutItsService_isNotInstalled_noCharge() {
        Offer o = Offer.of(DLM_16, ChargingMode.OCPP, null, 3);
        assertEquals(0, o.amps());
        assertEquals("mode OCPP not installed", o.limitedBy());
        assertNull(o.modePause(), "not a pause of the mode: the mode is missing");
    }

    @Test
    void aModesPause_carriesItsReason() {
        Offer o = Offer.of(DLM_16, ChargingMode.GREEN, ModeDecision.pause("green energy not available"), 3);
        assertEquals(0, o.amps());
        assertEquals("mode GREEN", o.limitedBy());
        assertEquals("green energy not available", o.modePause());
        assertEquals("mode GREEN: green energy not available", o.noOfferReason());
    }

    @Test
    void whenAProviderAlsoAllowsNothing_itsReasonIsNotTheModes() {
        Offer o = Offer.of(List.of(Limit.of(0, "dlm")), ChargingMode.GREEN, ModeDecision.pause("no sun"), 3);
        assertEquals("dlm", o.limitedBy());
        assertNull(o.modePause());
        assertEquals("dlm allows 0.0 A, below the 6 A minimum (IEC 61851-1)", o.noOfferReason());
    }

    @Test
    void aModesPowerLimit_perPhaseAtTheNominalVoltage() {
        assertEquals(10, Offer.of(DLM_16, ChargingMode.PROGRAMMED, ModeDecision.power(2_300, "P1"), 1).amps(), 1e-9);
        assertEquals(10, Offer.of(DLM_16, ChargingMode.PROGRAMMED, ModeDecision.power(6_900, "P1"), 3).amps(), 1e-9);
        Offer o = Offer.of(DLM_16, ChargingMode.PROGRAMMED, ModeDecision.current(8, "P2"), 3);
        assertEquals(8, o.amps());
        assertEquals("mode PROGRAMMED", o.limitedBy());
        assertEquals(16, Offer.of(DLM_16, ChargingMode.GREEN, ModeDecision.charge(), 3).amps(),
                "a mode can only lower the current");
        assertEquals(16, Offer.of(DLM_16, ChargingMode.GREEN, ModeDecision.current(40, ""), 3).amps());
    }
}
