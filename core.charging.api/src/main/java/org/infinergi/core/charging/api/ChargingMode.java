package org.infinergi.core.charging.api;

/** The charging modes of manual §5.1; {@code activeMode} of PID {@code org.infinergi.charging}. */
public enum ChargingMode {
    /** §5.1.1: always the maximum available rate. */
    FAST,
    /** §5.1.2: renewable surplus only. */
    GREEN,
    /** §5.1.3: by the programmed schedules P1–P6. */
    PROGRAMMED,
    /** §5.1.4: under control of the central system. */
    OCPP
}
