package org.infinergi.feature.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trustedCertificates as installers write it: PEM, base64 DER, several in one .cfg line. */
class TrustListTest {

    @TempDir
    static Path keys;

    static TestJars.Signer a;
    static TestJars.Signer b;

    @BeforeAll
    static void certificates() throws Exception {
        a = TestJars.newSigner(keys, "a", "CN=A");
        b = TestJars.newSigner(keys, "b", "CN=B");
    }

    @Test
    void pemBlocks_severalInOneValue() throws Exception {
        TrustList t = TrustList.parse(new String[] {TestJars.pem(a.certificate()) + "," + TestJars.pem(b.certificate())});

        assertNull(t.error());
        assertEquals(List.of(a.certificate(), b.certificate()), t.certificates());
    }

    @Test
    void pemOnOneCfgLine_withLiteralBackslashN() throws Exception {
        String line = TestJars.pem(a.certificate()).replace("\n", "\\n");

        TrustList t = TrustList.parse(new String[] {line});

        assertNull(t.error());
        assertEquals(List.of(a.certificate()), t.certificates());
    }

    @Test
    void base64Der_separatedByCommasOrBlanks_orSeveralValues() throws Exception {
        String da = Base64.getEncoder().encodeToString(a.certificate().getEncoded());
        String db = Base64.getEncoder().encodeToString(b.certificate().getEncoded());

        assertEquals(List.of(a.certificate(), b.certificate()), TrustList.parse(new String[] {da + ", " + db}).certificates());
        assertEquals(List.of(a.certificate(), b.certificate()), TrustList.parse(new String[] {da, db}).certificates());
    }

    @Test
    void emptyOrBlank_isAnEmptyListWithoutError() {
        assertTrue(TrustList.parse(new String[0]).certificates().isEmpty());
        assertNull(TrustList.parse(new String[] {" "}).error());
        assertNull(TrustList.parse(null).error());
    }

    @Test
    void anEntryThatIsNotACertificate_makesTheWholeListAnError() throws Exception {
        String good = Base64.getEncoder().encodeToString(a.certificate().getEncoded());

        TrustList notBase64 = TrustList.parse(new String[] {good, "%%%"});
        TrustList notX509 = TrustList.parse(new String[] {good, "aGVsbG8="});

        assertTrue(notBase64.error().contains("certificate 2 is not base64"), notBase64.error());
        assertTrue(notX509.error().contains("certificate 2 is not an X.509 certificate"), notX509.error());
        assertTrue(notX509.certificates().isEmpty(), "nothing trusted from a half-read list");
    }
}
