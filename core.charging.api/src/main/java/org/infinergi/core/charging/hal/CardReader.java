package org.infinergi.core.charging.hal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The RFID reader (manual §2.3.1 "RFID (optional) ISO/IEC 14443", §5.7) as the core supervises it: its driver
 * registers this service on the models that have a reader, so the core raises manual §9.1 D3 "Internal hardware
 * error" when the reader stops answering. The cards themselves go the other way, through {@link CardListener}.
 * No service registered means no reader on this model: nothing to supervise.
 *
 * @since 1.3.0
 */
@ProviderType
public interface CardReader {

    /** False once the reader has not answered for the driver's no-answer time; true again after an answer. */
    boolean responding();

    /** The reader and where it is wired, for the installer (e.g. {@code PN532 on /dev/serial0}). */
    String description();
}
