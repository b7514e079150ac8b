package org.infinergi.itest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A signing key made for the test (keytool: its private key never leaves the test's temp folder) and bundle JARs
 * re-versioned and signed with the JDK's jarsigner, as the manufacturer would ship an update. Runs in the container.
 */
final class SignedJars {

    private static final String PASSWORD = "changeit";
    private static final String ALIAS = "itest";

    private final Path dir;
    private final Path store;

    SignedJars(Path dir) {
        this.dir = dir;
        this.store = dir.resolve("signing.p12");
    }

    /** Generates the key and a self-signed certificate; returns the certificate in PEM, for the trust list. */
    String newKeyAndCertificate() throws Exception {
        tool("keytool", "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-keypass", PASSWORD, "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=infinergi itest signing", "-validity", "2");
        Path pem = dir.resolve("signing.pem");
        tool("keytool", "-exportcert", "-rfc", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-alias", ALIAS, "-file", pem.toString());
        return Files.readString(pem, StandardCharsets.US_ASCII);
    }

    /** A copy of {@code jar} whose manifest says {@code Bundle-Version: version}, unsigned. */
    Path withVersion(Path jar, String version) throws IOException {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path out = dir.resolve("unsigned-" + name + "-as-" + version + ".jar");
        try (JarFile in = new JarFile(jar.toFile(), false)) {
            Manifest m = new Manifest(in.getManifest());
            m.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream o = new JarOutputStream(Files.newOutputStream(out), m)) {
                for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements();) {
                    JarEntry entry = e.nextElement();
                    if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)
                            || entry.getName().equalsIgnoreCase("META-INF/")) {
                        continue;
                    }
                    o.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(o);
                    }
                    o.closeEntry();
                }
            }
        }
        return out;
    }

    /** {@code jar} signed with the test's key by the JDK's jarsigner. */
    Path sign(Path jar) throws Exception {
        Path out = dir.resolve("signed-" + jar.getFileName());
        tool("jarsigner", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-signedjar", out.toString(), jar.toString(), ALIAS);
        return out;
    }

    /** A copy of the signed {@code jar} in which the first class file has one more byte: tampered. */
    Path tampered(Path jar) throws IOException {
        Path out = dir.resolve("tampered-" + jar.getFileName());
        boolean done = false;
        try (ZipFile in = new ZipFile(jar.toFile()); ZipOutputStream o = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                o.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream data = in.getInputStream(entry)) {
                    data.transferTo(o);
                }
                if (!done && entry.getName().endsWith(".class")) {
                    o.write(0);
                    done = true;
                }
                o.closeEntry();
            }
        }
        return out;
    }

    private static void tool(String name, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", name).toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out;
        try (OutputStream stdin = p.getOutputStream(); InputStream stdout = p.getInputStream()) {
            out = stdout.readAllBytes();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(name + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
    }
}
