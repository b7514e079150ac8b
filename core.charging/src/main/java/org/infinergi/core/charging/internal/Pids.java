package org.infinergi.core.charging.internal;

/** Configuration PIDs (ARCHITECTURE.md "Configuration contract"); persisted contracts, never renamed. */
final class Pids {

    static final String DEVICE = "org.infinergi.device";
    static final String INSTALLATION = "org.infinergi.installation";
    static final String CHARGING = "org.infinergi.charging";
    static final String HISTORY = "org.infinergi.history";
    /** The core's own tuning (control loop period, stop grace). */
    static final String CORE = "org.infinergi.core.charging";

    private Pids() {
    }
}
