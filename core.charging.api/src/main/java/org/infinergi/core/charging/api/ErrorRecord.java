package org.infinergi.core.charging.api;

import java.time.Instant;

/**
 * One error episode in the durable error history.
 *
 * @param id      store-assigned identifier, increasing with time
 * @param code    the manual §9.1 code
 * @param raised  when the error was raised
 * @param cleared when it was cleared, or null while it is active
 * @param detail  what was detected (e.g. "DC leakage detected during charge")
 */
public record ErrorRecord(long id, ErrorCode code, Instant raised, Instant cleared, String detail) {
}
