package org.infinergi.feature.update.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPath;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import jdk.security.jarsigner.JarSigner;

/**
 * Test JARs made and signed with the JDK only: keys and self-signed certificates from {@code keytool} (there is
 * no public JDK API that issues a certificate), signatures through {@code jdk.security.jarsigner.JarSigner}.
 */
final class TestJars {

    private static final String PASSWORD = "changeit";

    /** A signing identity: its private key and certificate chain. */
    record Signer(PrivateKey key, CertPath chain) {
        X509Certificate certificate() {
            return (X509Certificate) chain.getCertificates().get(0);
        }
    }

    private TestJars() {
    }

    /** A new EC key with a self-signed certificate for {@code dname}, made by keytool in {@code dir}. */
    static Signer newSigner(Path dir, String alias, String dname) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        keytool("-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-keypass", PASSWORD, "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", dname, "-validity", "2");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) ks.getKey(alias, PASSWORD.toCharArray());
        List<Certificate> chain = Arrays.asList(ks.getCertificateChain(alias));
        return new Signer(key, CertificateFactory.getInstance("X.509").generateCertPath(chain));
    }

    static void keytool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + new String(out, StandardCharsets.UTF_8));
        }
    }

    /** An unsigned bundle JAR with two classes-to-be and a resource. */
    static Path bundle(Path file, String symbolicName, String version) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            a.putValue("Bundle-ManifestVersion", "2");
            a.putValue("Bundle-SymbolicName", symbolicName + ";singleton:=true");
        }
        if (version != null) {
            a.putValue("Bundle-Version", version);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), m)) {
            entry(out, "org/example/internal/A.class", "class A, version " + version);
            entry(out, "org/example/internal/B.class", "class B");
            entry(out, "OSGI-INF/component.xml", "<component/>");
        }
        return file;
    }

    /** {@code jar} signed by {@code signer}, written to {@code signed}. */
    static Path sign(Path jar, Signer signer, Path signed) throws IOException {
        try (ZipFile in = new ZipFile(jar.toFile()); OutputStream out = Files.newOutputStream(signed)) {
            new JarSigner.Builder(signer.key(), signer.chain()).signerName("UPDATE").build().sign(in, out);
        }
        return signed;
    }

    /** A copy of {@code jar} with the content of some entries replaced, others added, and others left out. */
    static Path rewrite(Path jar, Path copy, Map<String, String> replace, Map<String, String> add, List<String> drop)
            throws IOException {
        try (ZipFile in = new ZipFile(jar.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                if (drop.contains(entry.getName())) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (replace.containsKey(entry.getName())) {
                    out.write(replace.get(entry.getName()).getBytes(StandardCharsets.UTF_8));
                } else {
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                }
                out.closeEntry();
            }
            for (Map.Entry<String, String> extra : add.entrySet()) {
                out.putNextEntry(new ZipEntry(extra.getKey()));
                out.write(extra.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return copy;
    }

    /** The certificate as an installer writes it into etc/org.infinergi.update.cfg: PEM. */
    static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    static byte[] bytes(Path p) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Files.copy(p, b);
        return b.toByteArray();
    }

    private static void entry(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
