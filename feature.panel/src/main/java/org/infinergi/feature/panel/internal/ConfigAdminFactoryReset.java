package org.infinergi.feature.panel.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.infinergi.core.charging.api.SessionHistory;
import org.infinergi.core.config.FactoryResetParticipant;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manual §6.2 factory reset over Config Admin: every configuration of an {@code org.infinergi.*} PID goes back
 * to the model default the image keeps in {@code <factoryDir>/<pid>.cfg}; one without a default file is
 * deleted (its component falls back to its Metatype defaults); a default file without a configuration creates
 * it. Factory configurations ({@code service.factoryPid=org.infinergi.*}, e.g. a Modbus meter) read from an etc
 * file that has a default ({@code <factoryPid>-<name>.cfg}, file install's name, or {@code <factoryPid>~<name>.cfg})
 * go back to it; the others are deleted, and defaults without a configuration are created. PIDs in {@code keep} (the unit's
 * identity, {@code org.infinergi.device}) are never touched.
 *
 * <p>Karaf's file install writes configurations back to {@code etc/<pid>.cfg} and, at the next start, lets the
 * file win over Config Admin; so an update keeps the configuration's {@code felix.fileinstall.filename}: file
 * install then rewrites the etc file with the defaults (and deletes it for a deleted configuration).
 *
 * <p>History (manual: "kept unless the installer chooses otherwise"): with {@code eraseHistory} the history's owner,
 * the core's {@link SessionHistory}, erases it, before the configurations go back (its own PID among them). The
 * panel does not read {@code org.infinergi.history} to delete the files itself (issue 14: one reader per PID); it
 * did, and left the store's journal behind, whose entries came back at the next start. Without the core, the history
 * is kept and the reset says so.
 *
 * <p>Settings a bundle keeps outside Config Admin (the web passwords of feature.web, kept hashed in its data area) are
 * returned to their defaults by their owner, every {@link FactoryResetParticipant}, before the configurations go
 * back: the panel does not know where they are kept. One that fails is logged and the reset goes on.
 */
final class ConfigAdminFactoryReset implements FactoryReset {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigAdminFactoryReset.class);
    static final String PREFIX = "org.infinergi.";
    static final String FILEINSTALL = "felix.fileinstall.filename";

    private final ConfigurationAdmin cm;
    private final Path factoryDir;
    private final Set<String> keep;
    private final Supplier<SessionHistory> history;
    private final Supplier<List<FactoryResetParticipant>> participants;

    ConfigAdminFactoryReset(ConfigurationAdmin cm, Path factoryDir, Set<String> keep,
            Supplier<SessionHistory> history) {
        this(cm, factoryDir, keep, history, List::of);
    }

    ConfigAdminFactoryReset(ConfigurationAdmin cm, Path factoryDir, Set<String> keep,
            Supplier<SessionHistory> history, Supplier<List<FactoryResetParticipant>> participants) {
        this.cm = cm;
        this.factoryDir = factoryDir;
        this.keep = keep;
        this.history = history;
        this.participants = participants;
    }

    @Override
    public void reset(boolean eraseHistory) throws IOException {
        Map<String, Dictionary<String, Object>> defaults = readDefaults();
        if (eraseHistory) {
            eraseHistory();
        }
        restoreOwnersDefaults();
        Configuration[] existing;
        try {
            existing = cm.listConfigurations("(|(service.pid=" + PREFIX + "*)(service.factoryPid=" + PREFIX + "*))");
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
        Set<String> done = new java.util.HashSet<>();
        if (existing != null) {
            for (Configuration c : existing) {
                String pid = c.getPid();
                String factoryPid = c.getFactoryPid();
                if (keep.contains(pid) || (factoryPid != null && keep.contains(factoryPid))) {
                    continue;
                }
                // A factory configuration is known by the etc file file install read it from.
                String name = factoryPid == null ? pid : defaultName(c.getProperties());
                Dictionary<String, Object> def = name == null ? null : defaults.get(name);
                if (def == null) {
                    LOG.info("Factory reset: {} deleted (no model default)", pid);
                    c.delete();
                    continue;
                }
                Dictionary<String, Object> props = copy(def);
                Dictionary<String, Object> old = c.getProperties();
                if (old != null && old.get(FILEINSTALL) != null) {
                    props.put(FILEINSTALL, old.get(FILEINSTALL));
                }
                c.update(props);
                done.add(name);
                LOG.info("Factory reset: {} back to the model default", pid);
            }
        }
        for (Map.Entry<String, Dictionary<String, Object>> e : defaults.entrySet()) {
            String name = e.getKey();
            if (done.contains(name) || keep.contains(name)) {
                continue;
            }
            int tilde = name.indexOf('~') >= 0 ? name.indexOf('~') : name.indexOf('-');
            Configuration c = tilde < 0 ? cm.getConfiguration(name, "?")
                    : cm.getFactoryConfiguration(name.substring(0, tilde), name.substring(tilde + 1), "?");
            c.update(copy(e.getValue()));
            LOG.info("Factory reset: {} created from the model default", name);
        }
    }

    /** Asks the history's owner to erase it; a reset goes on without it (the configuration matters more). */
    private void eraseHistory() {
        SessionHistory owner = history.get();
        if (owner == null) {
            LOG.warn("Factory reset: the charging core is not running, history kept");
            return;
        }
        try {
            owner.erase();
            LOG.info("Factory reset: history erased");
        } catch (RuntimeException e) {
            LOG.error("Factory reset: history not erased: {}", e.getMessage());
        }
    }

    /** Asks every owner of settings kept outside Config Admin to restore its defaults; a failure does not stop the reset. */
    private void restoreOwnersDefaults() {
        for (FactoryResetParticipant owner : participants.get()) {
            try {
                owner.restoreFactoryDefaults();
                LOG.info("Factory reset: {} restored its defaults", owner.getClass().getName());
            } catch (RuntimeException e) {
                LOG.error("Factory reset: {} did not restore its defaults: {}", owner.getClass().getName(),
                        e.getMessage());
            }
        }
    }

    /** The default file name (without {@code .cfg}) of a configuration file install read, or null. */
    static String defaultName(Dictionary<String, Object> props) {
        Object file = props == null ? null : props.get(FILEINSTALL);
        if (file == null) {
            return null;
        }
        String f = file.toString();
        String base = f.substring(Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\')) + 1);
        return base.endsWith(".cfg") ? base.substring(0, base.length() - ".cfg".length()) : null;
    }

    /** {@code <pid>.cfg} (or {@code <factoryPid>~<name>.cfg}) files of {@code org.infinergi.*} PIDs. */
    Map<String, Dictionary<String, Object>> readDefaults() throws IOException {
        Map<String, Dictionary<String, Object>> out = new TreeMap<>();
        if (!Files.isDirectory(factoryDir)) {
            throw new IOException("no model defaults: " + factoryDir + " is not a directory");
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(factoryDir, PREFIX + "*.cfg")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(f)) {
                    p.load(in);
                }
                Hashtable<String, Object> d = new Hashtable<>();
                p.stringPropertyNames().forEach(k -> d.put(k, interpolate(p.getProperty(k).trim())));
                out.put(name.substring(0, name.length() - ".cfg".length()), d);
            }
        }
        return out;
    }

    /** {@code ${name}} → the system property, as Karaf's file install does for etc/*.cfg (e.g. karaf.data). */
    static String interpolate(String value) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            int end = start < 0 ? -1 : value.indexOf('}', start);
            if (end < 0) {
                out.append(value, i, value.length());
                break;
            }
            String name = value.substring(start + 2, end);
            String replacement = System.getProperty(name);
            out.append(value, i, start).append(replacement != null ? replacement : value.substring(start, end + 1));
            i = end + 1;
        }
        return out.toString();
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> d) {
        Hashtable<String, Object> out = new Hashtable<>();
        for (var keys = d.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            out.put(k, d.get(k));
        }
        return out;
    }
}
