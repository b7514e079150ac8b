package org.infinergi.core.charging.internal;

/** Bundle-internal service: the validated values of PID {@code org.infinergi.charging}, from its one owner. */
public interface ChargingSource extends Owned<ChargingSettings> {
}
