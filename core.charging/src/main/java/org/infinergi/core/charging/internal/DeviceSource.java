package org.infinergi.core.charging.internal;

/** Bundle-internal service: the validated values of PID {@code org.infinergi.device}, from its one owner. */
public interface DeviceSource extends Owned<DeviceSettings> {
}
