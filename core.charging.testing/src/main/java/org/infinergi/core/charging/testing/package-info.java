/**
 * Test doubles for the charging API and hardware contracts (CONVENTIONS §13): a fake pilot and contactor, a fake
 * meter, a clock that tests move, a fixed limit provider; since 1.1.0 fakes of the board sensors, proximity pilot,
 * connector lock, RDC-DD and panel board; since 1.2.0 a recording charger control and the defaults of
 * component property types; since 1.5.0 a fake RFID reader and the board's and the panel's default wiring
 * ({@code FakeBoardWiring}, {@code FakePanelWiring}); since 1.6.0 a bundle's data area ({@code DataArea}) for owners
 * that keep their last valid configuration there; since 1.7.0 the internal clock
 * ({@code FakeChargerClock}); since 1.8.0 {@code FakeChargerControl} records {@code endCharge} and
 * {@code unlockConnector} (charging API 2.1.0). For tests of any bundle; never used by product code.
 */
@Export
@Version("1.8.0")
package org.infinergi.core.charging.testing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
