package org.infinergi.feature.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.infinergi.feature.web.internal.WebLogins.Login;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebLoginsTest {

    /** Few iterations: the tests check the scheme, not its cost. */
    private static final int ITERATIONS = 1000;

    @TempDir
    Path dir;

    private final AtomicReference<String> serial = new AtomicReference<>("21/001-000001");

    private WebLogins logins() {
        return new WebLogins(dir.resolve(WebLogins.FILE), serial::get, ITERATIONS);
    }

    @Test
    void theManualsExampleSerialGivesItsTwoDefaultPasswords() {
        // manual §6.1.2.1: serial 21/001-000001 → user infinergi / 000001, admin admin / 21/001-000001
        assertEquals("000001", WebLogins.defaultPassword(Login.USER, "21/001-000001"));
        assertEquals("21/001-000001", WebLogins.defaultPassword(Login.ADMIN, "21/001-000001"));
        WebLogins logins = logins();
        assertEquals(Optional.of(Level.USER), logins.verify("infinergi", "000001"));
        assertEquals(Optional.of(Level.ADMIN), logins.verify("admin", "21/001-000001"));
        assertEquals(Optional.empty(), logins.verify("infinergi", "21/001-000001"));
        assertEquals(Optional.empty(), logins.verify("admin", "000001"));
        assertEquals(Optional.empty(), logins.verify("root", "21/001-000001"));
        assertEquals(Optional.empty(), logins.verify("infinergi", ""));
    }

    @Test
    void withoutASerialNoLoginAtItsDefaultOpens() {
        serial.set("");
        WebLogins logins = logins();
        assertEquals(Optional.empty(), logins.verify("admin", ""));
        assertEquals(Optional.empty(), logins.verify("infinergi", ""));
    }

    @Test
    void whileTheCoreIsNotRunningTheLastSerialItReportedStillOpensTheDefaults() {
        WebLogins logins = logins();
        assertEquals(Optional.of(Level.ADMIN), logins.verify("admin", "21/001-000001"));
        serial.set(null); // the core is being updated: no Device service
        assertEquals(Optional.of(Level.ADMIN), logins.verify("admin", "21/001-000001"));
        assertEquals(Optional.of(Level.USER), logins.verify("infinergi", "000001"));
        assertEquals(Optional.of(Level.ADMIN), logins().verify("admin", "21/001-000001"), "after a restart too");
        assertEquals(Optional.empty(), new WebLogins(dir.resolve("other.properties"), serial::get, ITERATIONS)
                .verify("admin", "21/001-000001"), "a core never seen reported no serial");
    }

    @Test
    void theDefaultFollowsTheSerial() {
        WebLogins logins = logins();
        serial.set("21/002-123456");
        assertEquals(Optional.of(Level.USER), logins.verify("infinergi", "123456"));
        assertEquals(Optional.empty(), logins.verify("infinergi", "000001"));
    }

    @Test
    void aChangedPasswordIsStoredSaltedAndHashedAndSurvivesARestart() throws Exception {
        WebLogins logins = logins();
        logins.change(Login.USER, "garage-2026");
        assertEquals(Optional.of(Level.USER), logins.verify("infinergi", "garage-2026"));
        assertEquals(Optional.empty(), logins.verify("infinergi", "000001"), "the default no longer opens");
        assertEquals(Optional.of(Level.ADMIN), logins.verify("admin", "21/001-000001"), "admin untouched");
        assertFalse(logins.atDefault(Login.USER));

        String stored = Files.readString(dir.resolve(WebLogins.FILE), StandardCharsets.ISO_8859_1);
        assertFalse(stored.contains("garage-2026"), stored);
        assertTrue(stored.contains("userWebPassword=pbkdf2-sha256$1000$"), stored);
        assertFalse(stored.contains("adminWebPassword"), "a login at its default stores nothing");

        WebLogins restarted = logins();
        assertEquals(Optional.of(Level.USER), restarted.verify("infinergi", "garage-2026"));
        assertEquals(Optional.empty(), restarted.verify("infinergi", "garage-2027"));
    }

    @Test
    void aBlankPasswordResetsTheLoginToItsDefault() {
        WebLogins logins = logins();
        logins.change(Login.ADMIN, "installer-secret");
        assertEquals(Optional.empty(), logins.verify("admin", "21/001-000001"));
        logins.change(Login.ADMIN, "  ");
        assertTrue(logins.atDefault(Login.ADMIN));
        assertEquals(Optional.of(Level.ADMIN), logins.verify("admin", "21/001-000001"));
        assertEquals(Optional.empty(), logins.verify("admin", "installer-secret"));
        assertEquals(Optional.of(Level.ADMIN), logins().verify("admin", "21/001-000001"), "after a restart too");
    }

    @Test
    void rememberedCredentialsAreForgottenWhenThePasswordChanges() {
        WebLogins logins = logins();
        logins.change(Login.USER, "first-password");
        assertEquals(Optional.of(Level.USER), logins.verify("infinergi", "first-password"));
        assertEquals(Optional.of(Level.USER), logins.verify("infinergi", "first-password"));
        logins.change(Login.USER, "second-password");
        assertEquals(Optional.empty(), logins.verify("infinergi", "first-password"));
        assertEquals(Optional.of(Level.USER), logins.verify("infinergi", "second-password"));
    }

    @Test
    void eachHashHasItsOwnSaltAndOnlyItsPasswordMatches() {
        SecureRandom random = new SecureRandom();
        PasswordHash a = PasswordHash.of("same password", ITERATIONS, random);
        PasswordHash b = PasswordHash.of("same password", ITERATIONS, random);
        assertNotEquals(a.encoded(), b.encoded());
        assertEquals(16, a.salt().length);
        assertEquals(32, a.hash().length);
        assertTrue(a.matches("same password"));
        assertTrue(b.matches("same password"));
        assertFalse(a.matches("same passwort"));

        PasswordHash parsed = PasswordHash.parse(a.encoded());
        assertEquals(ITERATIONS, parsed.iterations());
        assertTrue(parsed.matches("same password"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("md5$1$abc$def"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("pbkdf2-sha256$0$AAAA$AAAA"));
    }

    @Test
    void anUnreadableHashLeavesThatLoginAtItsDefault() throws Exception {
        Files.writeString(dir.resolve(WebLogins.FILE), "userWebPassword=garbage\n");
        WebLogins logins = logins();
        assertTrue(logins.atDefault(Login.USER));
        assertEquals(Optional.of(Level.USER), logins.verify("infinergi", "000001"));
    }

    /** Manual §6.2 factory reset: the owner of the web passwords returns both to their defaults, durably. */
    @Test
    void theFactoryResetReturnsBothLoginsToTheirDefaultPasswords_afterARestartToo() {
        WebLogins logins = logins();
        logins.change(Login.ADMIN, "installer-1");
        logins.change(Login.USER, "family-1");
        long userGeneration = logins.generation(Login.USER);
        logins.restoreFactoryDefaults();
        assertEquals(Optional.of(Level.ADMIN), logins.verify("admin", "21/001-000001"));
        assertEquals(Optional.of(Level.USER), logins.verify("infinergi", "000001"));
        assertEquals(Optional.empty(), logins.verify("admin", "installer-1"));
        assertTrue(logins.atDefault(Login.ADMIN) && logins.atDefault(Login.USER));
        assertNotEquals(userGeneration, logins.generation(Login.USER), "the login sessions of before end");
        WebLogins restarted = logins();
        assertEquals(Optional.of(Level.ADMIN), restarted.verify("admin", "21/001-000001"));
        assertEquals(Optional.empty(), restarted.verify("infinergi", "family-1"));
        serial.set(null);
        assertEquals(Optional.of(Level.USER), logins().verify("infinergi", "000001"), "the serial is kept");
    }
}
