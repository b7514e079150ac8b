package org.infinergi.driver.modbusmeters.bus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.MeterReading;
import org.junit.jupiter.api.Test;

/** The Meter service SCR registers for a polled meter answers that meter's readings, and nothing else. */
class PublishedMeterTest {

    @Test
    void theServiceAnswersThePolledMetersReadingOrNone() {
        MeterReading r = new MeterReading(Instant.parse("2026-01-01T00:00:00Z"), new double[] {230, 0, 0},
                new double[] {16, 0, 0}, 3680, 12_500);
        Optional<MeterReading>[] latest = new Optional[] {Optional.of(r)};
        Meter polled = () -> latest[0];

        PublishedMeter service = new PublishedMeter(Map.of(PublishedMeter.POLLED, polled, Meter.ROLE, "VEHICLE"));

        assertSame(r, service.latest().orElseThrow());
        latest[0] = Optional.empty();
        assertEquals(Optional.empty(), service.latest(), "a silent meter has no reading");
        assertEquals('.', PublishedMeter.POLLED.charAt(0), "DS keeps a property with a leading full stop off the "
                + "service: the poller is no service property");
    }
}
