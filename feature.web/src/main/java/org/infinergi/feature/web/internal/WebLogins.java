package org.infinergi.feature.web.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.infinergi.core.charging.api.Device;
import org.infinergi.core.config.FactoryResetParticipant;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two web logins of manual §6.1.2.1: user {@code infinergi}, by default the last 6 characters of the serial, and
 * {@code admin}, by default the serial (label §2.4.1, from the core's {@link Device}). A changed password is kept
 * salted and hashed ({@link PasswordHash}) in this bundle's data area, which survives restarts and
 * {@code bundle:update}; a blank new password resets the login to its default (§7.1.3, §7.2.3), which is never
 * stored, so it follows the serial. Without a serial a login at its default cannot be used (a unit gets its serial
 * at the end of the production line). The last serial the core reported is kept beside the hashes: while the core is
 * not running (its update waits for the end of a session, then restarts it; a core that fails to start) the admin
 * must still be able to log in, to see the update's progress or to send a better bundle.
 *
 * <p>The factory reset of manual §6.2 ("restore the factory settings") asks this owner to return both logins to their
 * default passwords ({@link FactoryResetParticipant}): the hashes are deleted, the serial is kept.
 */
@Component(service = {WebLogins.class, FactoryResetParticipant.class})
public final class WebLogins implements FactoryResetParticipant {

    /** The logins and the §7 parameter that changes each ("Web login admin" §7.1.3, "User web login" §7.2.3). */
    enum Login {
        USER("infinergi", "userWebPassword", Level.USER),
        ADMIN("admin", "adminWebPassword", Level.ADMIN);

        final String userName;
        final String field;
        final Level level;

        Login(String userName, String field, Level level) {
            this.userName = userName;
            this.field = field;
            this.level = level;
        }

        static Optional<Login> named(String userName) {
            for (Login l : values()) {
                if (l.userName.equals(userName)) {
                    return Optional.of(l);
                }
            }
            return Optional.empty();
        }
    }

    static final String FILE = "web-logins.properties";
    private static final String SERIAL_KEY = "serial";
    /** Credentials verified against a stored hash are remembered, so a script polling with Basic pays PBKDF2 once. */
    private static final int REMEMBERED = 32;
    private static final Logger LOG = LoggerFactory.getLogger(WebLogins.class);

    private final Path file;
    private final Supplier<String> serial;
    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    private final Map<Login, PasswordHash> stored = new EnumMap<>(Login.class);
    /** The last non-empty serial the core reported ("" before the first); guarded by {@link #stored}. */
    private String lastSerial = "";
    /** Digests (keyed with {@link #secret}) of credentials that matched a stored hash; emptied on every change. */
    private final Set<String> verified = ConcurrentHashMap.newKeySet();
    private final byte[] secret = new byte[32];
    /** Counts the changes of each login's password since the start: a login session opened before one ends. */
    private final Map<Login, Long> generations = new EnumMap<>(Login.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Device device;

    @Activate
    public WebLogins(BundleContext context) {
        this(dataFile(context), null, PasswordHash.ITERATIONS);
    }

    /** {@code serial} null: the serial of the {@link Device} service; a supplier answers null while there is none. */
    WebLogins(Path file, Supplier<String> serial, int iterations) {
        this.file = file;
        this.serial = serial != null ? serial : this::deviceSerial;
        this.iterations = iterations;
        random.nextBytes(secret);
        load();
    }

    private static Path dataFile(BundleContext context) {
        java.io.File f = context.getDataFile(FILE);
        return f == null ? null : f.toPath();
    }

    private String deviceSerial() {
        Device d = device;
        return d == null ? null : d.serial() == null ? "" : d.serial().trim();
    }

    /** The core's serial; while there is no core, the last one it reported (kept in the data area). */
    private String currentSerial() {
        String reported = serial.get();
        synchronized (stored) {
            if (reported == null) {
                return lastSerial;
            }
            if (!reported.isEmpty() && !reported.equals(lastSerial)) {
                try {
                    save(stored, reported);
                } catch (UncheckedIOException e) {
                    LOG.warn("{}: the serial is not kept for a time without the core", e.getMessage());
                }
                lastSerial = reported;
            }
            return reported;
        }
    }

    /** The login {@code userName} / {@code password} opens, if any. */
    Optional<Level> verify(String userName, String password) {
        Optional<Login> login = Login.named(userName);
        if (login.isEmpty() || password == null || password.isEmpty()) {
            return Optional.empty();
        }
        return matches(login.get(), password) ? Optional.of(login.get().level) : Optional.empty();
    }

    private boolean matches(Login login, String password) {
        PasswordHash hash;
        synchronized (stored) {
            hash = stored.get(login);
        }
        if (hash == null) {
            String expected = defaultPassword(login, currentSerial());
            return !expected.isEmpty() && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    password.getBytes(StandardCharsets.UTF_8));
        }
        String key = rememberKey(login, password);
        if (verified.contains(key)) {
            return true;
        }
        if (!hash.matches(password)) {
            return false;
        }
        if (verified.size() >= REMEMBERED) {
            verified.clear();
        }
        verified.add(key);
        return true;
    }

    /**
     * Manual §6.1.2.1: the user's password is the last 6 characters of the serial (21/001-000001 → 000001), the
     * admin's the serial itself; "" without a serial.
     */
    static String defaultPassword(Login login, String serial) {
        String s = serial == null ? "" : serial.trim();
        return login == Login.ADMIN || s.length() <= 6 ? s : s.substring(s.length() - 6);
    }

    /** Sets the password of {@code login}; a blank one resets it to its default (§7.1.3, §7.2.3). */
    void change(Login login, String newPassword) {
        synchronized (stored) {
            Map<Login, PasswordHash> next = new EnumMap<>(stored);
            if (newPassword == null || newPassword.isBlank()) {
                next.remove(login);
            } else {
                next.put(login, PasswordHash.of(newPassword, iterations, random));
            }
            // on disk first: a password that could not be kept is not taken either
            save(next, lastSerial);
            stored.clear();
            stored.putAll(next);
            verified.clear();
            generations.merge(login, 1L, Long::sum);
        }
        LOG.info("web login {} {}", login.userName,
                newPassword == null || newPassword.isBlank() ? "reset to its default password" : "has a new password");
    }

    /**
     * Manual §6.2 factory reset: both logins back to their default passwords (derived from the serial, never stored),
     * on disk before this returns; every login session ends.
     */
    @Override
    public void restoreFactoryDefaults() {
        synchronized (stored) {
            try {
                save(Map.of(), lastSerial);
            } catch (UncheckedIOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            stored.clear();
            verified.clear();
            for (Login login : Login.values()) {
                generations.merge(login, 1L, Long::sum);
            }
        }
        LOG.info("web logins reset to their default passwords (factory reset)");
    }

    /** How many times the password of {@code login} changed since the start (a session remembers it). */
    long generation(Login login) {
        synchronized (stored) {
            return generations.getOrDefault(login, 0L);
        }
    }

    /** Whether {@code login} still has its default password. */
    boolean atDefault(Login login) {
        synchronized (stored) {
            return !stored.containsKey(login);
        }
    }

    private String rememberKey(Login login, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(secret);
            sha.update(login.userName.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return Base64.getEncoder().encodeToString(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void load() {
        if (file == null) {
            LOG.warn("no bundle data area: changed web passwords last until the next restart");
            return;
        }
        if (!Files.exists(file)) {
            return;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(in);
        } catch (IOException e) {
            LOG.error("cannot read {} ({}): the web logins have their default passwords", file, e.toString());
            return;
        }
        lastSerial = p.getProperty(SERIAL_KEY, "").trim();
        for (Login login : Login.values()) {
            String value = p.getProperty(login.field);
            if (value == null) {
                continue;
            }
            try {
                stored.put(login, PasswordHash.parse(value));
            } catch (IllegalArgumentException e) {
                LOG.error("{} in {} is not a password hash ({}): the login {} has its default password", login.field,
                        file, e.getMessage(), login.userName);
            }
        }
    }

    /** Written to a new file then moved over the old one, so a power cut leaves the old or the new, never half. */
    private void save(Map<Login, PasswordHash> hashes, String serialToKeep) {
        if (file == null) {
            return;
        }
        Properties p = new Properties();
        if (!serialToKeep.isEmpty()) {
            p.setProperty(SERIAL_KEY, serialToKeep);
        }
        hashes.forEach((login, hash) -> p.setProperty(login.field, hash.encoded()));
        Path tmp = file.resolveSibling(FILE + ".new");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(tmp);
            Files.createFile(tmp);
            ownerOnly(tmp);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "web logins of manual §6.1.2.1 (PBKDF2 hashes; a missing login has its default) and the last serial");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the web passwords in " + file, e);
        }
    }

    private static void ownerOnly(Path f) {
        try {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the data area's own protection applies
        }
    }
}
