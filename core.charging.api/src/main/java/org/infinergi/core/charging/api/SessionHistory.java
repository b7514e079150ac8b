package org.infinergi.core.charging.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The durable history of finished sessions. */
@ProviderType
public interface SessionHistory {

    /** At most {@code max} finished sessions, newest first. */
    List<SessionRecord> sessions(int max);
}
