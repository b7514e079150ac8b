package org.infinergi.core.charging.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The durable history of finished sessions. */
@ProviderType
public interface SessionHistory {

    /** At most {@code max} finished sessions, newest first. */
    List<SessionRecord> sessions(int max);

    /**
     * Erases every stored session, the session in progress kept for a restart and the error history (manual §6.2:
     * a factory reset keeps the history "unless the installer chooses otherwise"). The history's owner does it, so
     * no other bundle needs to know where or how the history is stored. Returns once the erasure is durable.
     *
     * @throws IllegalStateException when the history cannot be erased (the store is not available)
     * @since 1.10.0
     */
    void erase();
}
