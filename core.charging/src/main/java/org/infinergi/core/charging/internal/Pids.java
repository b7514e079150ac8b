package org.infinergi.core.charging.internal;

/** Configuration PIDs (ARCHITECTURE.md "Configuration contract"); persisted contracts, never renamed. */
final class Pids {

    static final String DEVICE = "org.infinergi.device";
    static final String INSTALLATION = "org.infinergi.installation";
    static final String CHARGING = "org.infinergi.charging";
    static final String HISTORY = "org.infinergi.history";
    /** Over-temperature thresholds (manual §5.6): derating and D7. */
    static final String THERMAL = "org.infinergi.thermal";
    /** Which vehicle and grid meters are installed (manual §5.2): D9 and D2. */
    static final String METERING = "org.infinergi.metering";
    /** Whether the device was taken out of service (kept across restarts; written by the core). */
    static final String AVAILABILITY = "org.infinergi.availability";
    /** The core's own tuning (control loop period, stop grace, protection thresholds). */
    static final String CORE = "org.infinergi.core.charging";

    private Pids() {
    }
}
