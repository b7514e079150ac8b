package org.infinergi.core.config;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link CheckedConfiguration#check} for an owner that Declarative Services re-creates on every change of its PID
 * (no {@code @Modified}: a changed board map or sim setting re-registers its service, so what holds the old values
 * restarts on the new ones). Such an owner has no previous configuration in memory; this one keeps the last valid
 * configuration in a file of the owner's bundle data area ({@code BundleContext.getDataFile}), which survives the
 * re-creation, a restart and a bundle update. A rejected configuration (issue 15: an emptied key, a value not of its
 * type) then leaves the previous valid values in force, as with a {@code @Modified} owner, instead of the factory
 * defaults; those apply only when no valid configuration was ever kept.
 *
 * <p>The owner calls {@link #check} first and {@link #keep} once it runs on the configuration (its own checks of
 * values that must go together passed), so a configuration it refuses is never the one kept:
 *
 * <pre>
 * LastValidConfiguration&lt;PilotConfig&gt; lastValid = new LastValidConfiguration&lt;&gt;(PilotConfig.PID,
 *         PilotConfig.class, bundleContext::getDataFile);
 * CheckedConfiguration&lt;PilotConfig&gt; checked = lastValid.check(properties, log::error);
 * ... use checked.config() ...
 * lastValid.keep(checked, log::error);
 * </pre>
 *
 * <p>A utility with no service and no state beyond the file it names.
 *
 * @param <C> the PID's Metatype {@code Config} annotation
 * @since 1.0.0 (charging API 1.7.0 to 1.10.0)
 */
public final class LastValidConfiguration<C extends Annotation> {

    /** A key whose value is an array keeps its length under {@code key + "[]"} and item i under {@code key[i]}. */
    private static final String LENGTH = "[]";

    private final String pid;
    private final Class<C> type;
    private final File file;

    /**
     * @param dataArea the owner's bundle data area ({@code bundleContext::getDataFile}); a null answer (a framework
     *                 without file system) keeps nothing, and a rejected configuration gets the defaults
     */
    public LastValidConfiguration(String pid, Class<C> type, Function<String, File> dataArea) {
        this.pid = pid;
        this.type = type;
        this.file = dataArea.apply(fileName(pid));
    }

    /** The name of the file in the owner's bundle data area. */
    static String fileName(String pid) {
        return pid + ".last-valid.properties";
    }

    /**
     * {@link CheckedConfiguration#check} of {@code props} with the kept configuration as the previous one.
     *
     * @param log the owner's ERROR log, told the rejection ({@link CheckedConfiguration#describe()})
     */
    public CheckedConfiguration<C> check(Map<String, ?> props, Consumer<String> log) {
        Properties kept = file == null ? null : read(file.toPath());
        return CheckedConfiguration.check(pid, props, type, kept == null ? null : previous(kept), log);
    }

    /**
     * Keeps the configuration {@code inForce} for the next activation, when it was accepted (a rejected one's values
     * are already kept); writes only when it differs from the file (a board's flash).
     *
     * @param log the owner's ERROR log, told when the file cannot be written (the configuration is in force all the
     *            same; a later rejected one would get the defaults)
     */
    public void keep(CheckedConfiguration<C> inForce, Consumer<String> log) {
        if (file == null || !inForce.accepted()) {
            return;
        }
        Properties now = properties(inForce.config());
        if (now.equals(read(file.toPath()))) {
            return;
        }
        try {
            write(file.toPath(), now);
        } catch (IOException | UncheckedIOException e) {
            log.accept(pid + ": the configuration in force could not be kept in " + file
                    + " (a later rejected configuration would get the defaults): " + e);
        }
    }

    /**
     * The kept configuration as {@code type}, or null when it no longer passes (an older firmware's keys) or the file
     * was damaged.
     */
    private C previous(Properties kept) {
        try {
            CheckedConfiguration<C> c = CheckedConfiguration.check(pid, values(kept), type, null);
            return c.accepted() ? c.config() : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The kept texts by key, arrays as lists, as Config Admin would give them to the owner. */
    private Map<String, Object> values(Properties kept) {
        Map<String, Object> values = new HashMap<>();
        for (Method m : type.getDeclaredMethods()) {
            String key = EmptyValues.key(m);
            if (m.getReturnType().isArray()) {
                String length = kept.getProperty(key + LENGTH);
                if (length != null) {
                    int n = Integer.parseInt(length);
                    if (n < 0 || n > kept.size()) {
                        throw new NumberFormatException(key + LENGTH + "=" + length);
                    }
                    List<String> items = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        items.add(kept.getProperty(key + "[" + i + "]", ""));
                    }
                    values.put(key, items);
                }
            } else if (kept.getProperty(key) != null) {
                values.put(key, kept.getProperty(key));
            }
        }
        return values;
    }

    /** Every value of {@code config} as text, arrays item by item. */
    private Properties properties(C config) {
        Properties out = new Properties();
        for (Method m : type.getDeclaredMethods()) {
            String key = EmptyValues.key(m);
            Object value = value(config, m);
            if (value.getClass().isArray()) {
                int n = Array.getLength(value);
                out.setProperty(key + LENGTH, Integer.toString(n));
                for (int i = 0; i < n; i++) {
                    out.setProperty(key + "[" + i + "]", text(Array.get(value, i)));
                }
            } else {
                out.setProperty(key, text(value));
            }
        }
        return out;
    }

    private static Object value(Annotation config, Method m) {
        try {
            return m.invoke(config);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(m.getName(), e);
        }
    }

    private static String text(Object value) {
        return value instanceof Enum<?> e ? e.name() : String.valueOf(value);
    }

    /** The kept file, or null when there is none or it cannot be read (then there is no previous configuration). */
    private static Properties read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Replaces {@code file} as a whole (a temporary file forced to the disk, then renamed over it): a power loss
     * leaves the old configuration or the new one, never half of one.
     */
    private void write(Path file, Properties values) throws IOException {
        StringWriter text = new StringWriter();
        values.store(text, "The last valid configuration of " + pid + ", kept by its owner (issue 15)");
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
