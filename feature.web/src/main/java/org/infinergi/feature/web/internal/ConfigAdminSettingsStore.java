package org.infinergi.feature.web.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@link SettingsStore} on Config Admin. A configuration is got with location {@code "?"} (any bundle), as the
 * panel's factory reset and the core's availability do: bound to this bundle, it would never reach its owner.
 */
final class ConfigAdminSettingsStore implements SettingsStore {

    private final ConfigurationAdmin cm;

    ConfigAdminSettingsStore(ConfigurationAdmin cm) {
        this.cm = cm;
    }

    @Override
    public Map<String, Object> read(String pid) throws IOException {
        Configuration[] found;
        try {
            // listConfigurations, not getConfiguration: reading must not create an empty configuration
            found = cm.listConfigurations("(" + org.osgi.framework.Constants.SERVICE_PID + "=" + pid + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(pid, e);
        }
        if (found == null || found.length == 0 || found[0].getProperties() == null) {
            return null;
        }
        Dictionary<String, Object> d = found[0].getProperties();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : Collections.list(d.keys())) {
            out.put(key, d.get(key));
        }
        return out;
    }

    @Override
    public void write(String pid, Map<String, Object> properties) throws IOException {
        Configuration c = cm.getConfiguration(pid, "?");
        if (properties == null) {
            c.delete();
        } else {
            c.update(new Hashtable<>(properties));
        }
    }
}
