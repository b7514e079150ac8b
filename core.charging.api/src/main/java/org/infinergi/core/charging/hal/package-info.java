/**
 * Hardware contracts below the charging core: the control pilot and contactor, and the meter that
 * measures what the vehicle draws, the supervised peripherals (since 1.3.0 the RFID reader, {@link CardReader}).
 * Drivers provide them; only the core consumes them. 1.3.0 also: the drivers' wiring
 * ({@link org.infinergi.core.charging.hal.BoardWiring}, {@link org.infinergi.core.charging.hal.PanelWiring}), for
 * what sits under the drivers (the simulated board) instead of reading the drivers' PIDs; the meter's start-up grace.
 * 1.4.0: signed GRID readings and per-phase powers ({@link org.infinergi.core.charging.hal.MeterReading}), the wired
 * CTs' map ({@link org.infinergi.core.charging.hal.CtWiring}) and the meter sources {@code CT} (wired CTs) and
 * {@code CT_REMOTE} (the radio CT device, formerly {@code CT}). 1.5.0: the meters the installer selected
 * ({@link org.infinergi.core.charging.hal.SelectedMeter}), so a driver measures only while its meter is used.
 */
@Export
@Version("1.5.0")
package org.infinergi.core.charging.hal;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
