package org.infinergi.core.charging.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The durable history of errors with timestamps (manual §9.1). */
@ProviderType
public interface ErrorHistory {

    /** At most {@code max} error episodes, newest first. */
    List<ErrorRecord> errors(int max);
}
