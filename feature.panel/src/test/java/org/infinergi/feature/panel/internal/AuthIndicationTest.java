package org.infinergi.feature.panel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.feature.panel.internal.PanelSituation.Authorisation;
import org.junit.jupiter.api.Test;

/** Manual §8 authentication rows from the card events (docs/events.md), on the panel's clock. */
class AuthIndicationTest {

    private final AuthIndication indication = new AuthIndication();

    @Test
    void nothingBeforeTheFirstCard() {
        assertEquals(Authorisation.NONE, indication.at(0));
        indication.on(ChargerEvents.STATE_CHANGED, 0);
        assertEquals(Authorisation.NONE, indication.at(0), "only card events");
    }

    @Test
    void presented_isARequestUntilItsOutcome_thenTheOutcomeForThreeSeconds() {
        indication.on(ChargerEvents.CARD_PRESENTED, 1_000);
        assertEquals(Authorisation.REQUEST_IN_PROGRESS, indication.at(1_000));
        assertEquals(Authorisation.REQUEST_IN_PROGRESS, indication.at(20_000));
        indication.on(ChargerEvents.CARD_ACCEPTED, 20_000);
        assertEquals(Authorisation.VALID, indication.at(22_999));
        assertEquals(Authorisation.NONE, indication.at(23_000));
    }

    @Test
    void refused_isFailedForThreeSeconds() {
        indication.on(ChargerEvents.CARD_PRESENTED, 0);
        indication.on(ChargerEvents.CARD_REFUSED, 0);
        assertEquals(Authorisation.FAILED, indication.at(2_999));
        assertEquals(Authorisation.NONE, indication.at(3_000));
    }

    @Test
    void aRequestWithoutAnswer_stopsShowingAfterThirtySeconds() {
        indication.on(ChargerEvents.CARD_PRESENTED, 0);
        assertEquals(Authorisation.REQUEST_IN_PROGRESS, indication.at(29_999));
        assertEquals(Authorisation.NONE, indication.at(30_000));
    }
}
