/**
 * Hardware contracts below the charging core: the control pilot and contactor, and the meter that
 * measures what the vehicle draws. Drivers provide them; only the core consumes them. 1.3.0: the drivers' wiring
 * ({@link org.infinergi.core.charging.hal.BoardWiring}, {@link org.infinergi.core.charging.hal.PanelWiring}), for
 * what sits under the drivers (the simulated board) instead of reading the drivers' PIDs.
 */
@Export
@Version("1.3.0")
package org.infinergi.core.charging.hal;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
