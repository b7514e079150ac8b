package org.infinergi.core.charging.internal;

/** Bundle-internal service: the validated values of PID {@code org.infinergi.installation}, from its one owner. */
public interface InstallationSource extends Owned<InstallationSettings> {
}
