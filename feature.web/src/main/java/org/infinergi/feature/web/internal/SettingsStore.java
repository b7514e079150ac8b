package org.infinergi.feature.web.internal;

import java.io.IOException;
import java.util.Map;

/** Where the settings live: Config Admin's PIDs (ARCHITECTURE.md "Configuration is Config Admin"). */
interface SettingsStore {

    /** The PID's properties as stored, or null when it has no configuration (its owner's defaults apply). */
    Map<String, Object> read(String pid) throws IOException;

    /** Replaces the PID's properties; null deletes its configuration (back to no configuration at all). */
    void write(String pid, Map<String, Object> properties) throws IOException;
}
