package org.infinergi.feature.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

/** What the updater accepts before anything changes: signed, by a trusted signer, untouched, a bundle. */
class JarVerifierTest {

    @TempDir
    static Path keys;

    static TestJars.Signer oem;
    static TestJars.Signer stranger;

    @TempDir
    Path dir;

    @BeforeAll
    static void signers() throws Exception {
        oem = TestJars.newSigner(keys, "oem", "CN=infinergi firmware signing,O=OEM");
        stranger = TestJars.newSigner(keys, "stranger", "CN=Someone else,O=Elsewhere");
    }

    private TrustList trustOem() {
        return TrustList.of(oem.certificate());
    }

    private Path signedBundle(TestJars.Signer signer) throws Exception {
        Path plain = TestJars.bundle(dir.resolve("plain.jar"), "org.infinergi.feature.panel", "0.2.0");
        return TestJars.sign(plain, signer, dir.resolve("signed.jar"));
    }

    @Test
    void signedByATrustedCertificate_isTheBundleItsManifestNames() throws Exception {
        SignedBundle b = JarVerifier.verify(signedBundle(oem), trustOem());

        assertEquals("org.infinergi.feature.panel", b.symbolicName(), "directives stripped");
        assertEquals(new Version(0, 2, 0), b.version());
        assertTrue(b.signer().contains("CN=infinergi firmware signing"), b.signer());
    }

    @Test
    void unsigned_isRefusedAsUnsigned() throws Exception {
        Path plain = TestJars.bundle(dir.resolve("plain.jar"), "org.infinergi.feature.panel", "0.2.0");

        UpdateRejected e = assertThrows(UpdateRejected.class, () -> JarVerifier.verify(plain, trustOem()));
        assertTrue(e.getMessage().startsWith("unsigned"), e.getMessage());
    }

    @Test
    void anEntryChangedAfterSigning_isRefusedAsTamperedNamingTheEntry() throws Exception {
        Path tampered = TestJars.rewrite(signedBundle(oem), dir.resolve("tampered.jar"),
                Map.of("org/example/internal/B.class", "class B with a backdoor"), Map.of(), List.of());

        UpdateRejected e = assertThrows(UpdateRejected.class, () -> JarVerifier.verify(tampered, trustOem()));
        assertTrue(e.getMessage().startsWith("tampered entry org/example/internal/B.class"), e.getMessage());
    }

    @Test
    void anEntryAddedAfterSigning_isRefusedAsAnUnsignedEntry() throws Exception {
        Path added = TestJars.rewrite(signedBundle(oem), dir.resolve("added.jar"), Map.of(),
                Map.of("org/example/internal/Evil.class", "evil"), List.of());

        UpdateRejected e = assertThrows(UpdateRejected.class, () -> JarVerifier.verify(added, trustOem()));
        assertTrue(e.getMessage().startsWith("unsigned entry org/example/internal/Evil.class"), e.getMessage());
    }

    @Test
    void anEntryRemovedAfterSigning_isRefusedAsTampered() throws Exception {
        Path removed = TestJars.rewrite(signedBundle(oem), dir.resolve("removed.jar"), Map.of(), Map.of(),
                List.of("OSGI-INF/component.xml"));

        UpdateRejected e = assertThrows(UpdateRejected.class, () -> JarVerifier.verify(removed, trustOem()));
        assertEquals("tampered: signed entry OSGI-INF/component.xml is missing", e.getMessage());
    }

    @Test
    void signedByACertificateNotInTheTrustList_isRefusedNamingTheSigner() throws Exception {
        Path jar = signedBundle(stranger);

        UpdateRejected e = assertThrows(UpdateRejected.class, () -> JarVerifier.verify(jar, trustOem()));
        assertTrue(e.getMessage().startsWith("untrusted signer CN=Someone else"), e.getMessage());
    }

    @Test
    void anEmptyTrustList_acceptsNothingAndSaysSo() throws Exception {
        Path jar = signedBundle(oem);

        UpdateRejected e = assertThrows(UpdateRejected.class, () -> JarVerifier.verify(jar, TrustList.of()));
        assertTrue(e.getMessage().startsWith("untrusted signer CN=infinergi firmware signing"), e.getMessage());
        assertTrue(e.getMessage().contains("trust list is empty"), e.getMessage());
    }

    @Test
    void anInvalidTrustList_refusesEveryUploadNamingTheSetting() throws Exception {
        Path jar = signedBundle(oem);

        UpdateRejected e = assertThrows(UpdateRejected.class,
                () -> JarVerifier.verify(jar, TrustList.parse(new String[] {"bm90IGEgY2VydGlmaWNhdGU="})));
        assertTrue(e.getMessage().startsWith("trust list invalid: trustedCertificates"), e.getMessage());
    }

    @Test
    void signedJarWithoutBundleSymbolicName_isRefusedAsNotABundle() throws Exception {
        Path plain = TestJars.bundle(dir.resolve("plain.jar"), null, null);
        Path jar = TestJars.sign(plain, oem, dir.resolve("signed.jar"));

        UpdateRejected e = assertThrows(UpdateRejected.class, () -> JarVerifier.verify(jar, trustOem()));
        assertEquals("not a bundle: the manifest has no Bundle-SymbolicName", e.getMessage());
    }

    @Test
    void signedBundleWithAnInvalidVersion_isRefusedAsNotABundle() throws Exception {
        Path plain = TestJars.bundle(dir.resolve("plain.jar"), "org.infinergi.feature.panel", "two");
        Path jar = TestJars.sign(plain, oem, dir.resolve("signed.jar"));

        UpdateRejected e = assertThrows(UpdateRejected.class, () -> JarVerifier.verify(jar, trustOem()));
        assertTrue(e.getMessage().startsWith("not a bundle: Bundle-Version 'two'"), e.getMessage());
    }

    @Test
    void somethingElseThanAJar_isRefusedAsNotAJar() throws Exception {
        Path text = Files.writeString(dir.resolve("firmware.jar"), "INFINERGI-2.0.2.iPKG? no, text");

        UpdateRejected e = assertThrows(UpdateRejected.class, () -> JarVerifier.verify(text, trustOem()));
        assertTrue(e.getMessage().startsWith("not a JAR"), e.getMessage());
    }

    @Test
    void aSignerIssuedByATrustedAuthority_isTrustedThroughItsChain() throws Exception {
        // keytool: a CA, a signing key, the CA issues the signing key's certificate, the chain goes back in.
        Path store = keys.resolve("chain.p12");
        String[] common = {"-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-keypass", "changeit"};
        TestJars.keytool(concat(common, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=OEM root", "-ext", "bc:c", "-validity", "2"));
        TestJars.keytool(concat(common, "-genkeypair", "-alias", "signing", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=OEM release 2026", "-validity", "2"));
        Path req = keys.resolve("signing.csr");
        Path issued = keys.resolve("signing.cer");
        TestJars.keytool(concat(common, "-certreq", "-alias", "signing", "-file", req.toString()));
        TestJars.keytool(concat(common, "-gencert", "-alias", "ca", "-infile", req.toString(), "-outfile",
                issued.toString(), "-validity", "2"));
        TestJars.keytool(concat(common, "-importcert", "-alias", "signing", "-file", issued.toString(), "-noprompt"));
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        TestJars.Signer release = new TestJars.Signer(
                (java.security.PrivateKey) ks.getKey("signing", "changeit".toCharArray()),
                java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertPath(List.of(ks.getCertificateChain("signing"))));
        java.security.cert.X509Certificate root = (java.security.cert.X509Certificate) ks.getCertificate("ca");

        Path jar = signedBundle(release);

        assertTrue(JarVerifier.verify(jar, TrustList.of(root)).signer().contains("CN=OEM release 2026"));
        UpdateRejected e = assertThrows(UpdateRejected.class, () -> JarVerifier.verify(jar, trustOem()));
        assertTrue(e.getMessage().startsWith("untrusted signer CN=OEM release 2026"), e.getMessage());
    }

    private static String[] concat(String[] common, String... args) {
        String[] all = new String[args.length + common.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(common, 0, all, args.length, common.length);
        return all;
    }
}
