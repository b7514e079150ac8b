package org.infinergi.core.charging.hal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The front panel board (buttons, logo LED, buzzer, display) as the box board sees it over the internal
 * flat data cable. Its driver provides this service so the core can raise manual §9.1 D1 when the panel
 * stops answering.
 */
@ProviderType
public interface PanelBoard {

    /** True when the panel board answered its last poll. */
    boolean responding();
}
