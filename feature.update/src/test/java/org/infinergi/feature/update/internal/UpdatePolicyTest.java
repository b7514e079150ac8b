package org.infinergi.feature.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

/** Which installed bundle an update replaces, and the ones it may not. */
class UpdatePolicyTest {

    private static final long OWN = 40;
    private final List<InstalledBundle> installed = List.of(
            new InstalledBundle(0, "org.apache.felix.framework", Version.parseVersion("7.0.5")),
            new InstalledBundle(31, "org.infinergi.feature.panel", Version.parseVersion("0.1.0")),
            new InstalledBundle(OWN, "org.infinergi.feature.update", Version.parseVersion("0.1.0")));

    private static SignedBundle jar(String bsn, String version) {
        return new SignedBundle(bsn, Version.parseVersion(version), "CN=OEM");
    }

    private String refusal(SignedBundle b, boolean allowDowngrade) {
        return assertThrows(UpdateRejected.class,
                () -> UpdatePolicy.target(b, installed, OWN, allowDowngrade)).getMessage();
    }

    @Test
    void aNewerVersionOfAnInstalledBundle_replacesIt() throws Exception {
        assertEquals(31, UpdatePolicy.target(jar("org.infinergi.feature.panel", "0.2.0"), installed, OWN, false).id());
    }

    @Test
    void aBundleThatIsNotInstalled_isRefusedAsUnknown() {
        String m = refusal(jar("org.example.new", "1.0.0"), false);
        assertTrue(m.startsWith("unknown symbolic name org.example.new"), m);
    }

    @Test
    void theSameVersion_isRefused() {
        assertEquals("version 0.1.0 of org.infinergi.feature.panel is already installed",
                refusal(jar("org.infinergi.feature.panel", "0.1.0"), false));
    }

    @Test
    void aDowngrade_isRefusedUnlessAllowed() throws Exception {
        String m = refusal(jar("org.infinergi.feature.panel", "0.0.9"), false);
        assertTrue(m.startsWith("downgrade of org.infinergi.feature.panel from 0.1.0 to 0.0.9 refused"), m);

        assertEquals(31, UpdatePolicy.target(jar("org.infinergi.feature.panel", "0.0.9"), installed, OWN, true).id());
    }

    @Test
    void theSystemBundleAndTheUpdaterItself_areNeverReplaced() {
        assertTrue(refusal(jar("org.apache.felix.framework", "7.1.0"), true).contains("is the system bundle"));
        assertTrue(refusal(jar("org.infinergi.feature.update", "0.2.0"), true).contains("is the updater itself"));
    }
}
