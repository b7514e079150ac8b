package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.infinergi.core.charging.api.ChargerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Security profile 2 (TLS + HTTP Basic) against the independent central system behind node's https server, with a
 * CA and a server certificate for {@code localhost} made here by the JDK's {@code keytool} (no other tool needed):
 * the right CA connects with the Basic password; another CA, or a host name the certificate does not carry, never
 * connects — each attempt broken off in the handshake and tried again with the back-off.
 */
class TlsCentralSystemTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String PASS = "changeit";
    @TempDir
    static Path pki;
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1);
    private Connection connection;

    @BeforeAll
    static void makeTheCentralSystemsCertificates() throws Exception {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=infinergi test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        keytool("-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=another CA", "-ext", "bc:c", "-validity", "2", "-keystore", "other.p12");
        keytool("-exportcert", "-rfc", "-alias", "other", "-keystore", "other.p12", "-file", "other.pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-validity", "2", "-keystore", "server.p12");
        keytool("-certreq", "-alias", "server", "-keystore", "server.p12", "-file", "server.csr");
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr", "-outfile",
                "server.pem", "-validity", "2", "-ext", "san=dns:localhost", "-ext", "eku=serverAuth");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", "server.p12", "-file", "ca.pem");
        keytool("-importcert", "-alias", "server", "-keystore", "server.p12", "-file", "server.pem");
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storepass", PASS, "-storetype", "PKCS12"));
        Process p = new ProcessBuilder(cmd).directory(pki.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + output);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (connection != null) {
            thread.execute(connection::stop);
        }
        thread.shutdown();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }

    private CentralSystem tlsCentralSystem() throws Exception {
        return new CentralSystem("--heartbeat", "3600", "--tls-pfx", pki.resolve("server.p12").toString(),
                "--tls-pass", PASS);
    }

    private void start(String host, int port, String caCertificates) {
        ConfigurationKeys keys = new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S);
        ChargePoint cp = new ChargePoint(new Frames(), OcppSchemas.load(),
                new BootInfo("SEMAR", "INFINERGI-3T-DR", "21/000-000001", "0.1.0"), keys, new ExecutorTimers(thread),
                Clock.systemUTC());
        thread.execute(() -> cp.statusChanged(
                new ConnectorStatus.Input(ChargerState.VEHICLE_NOT_CONNECTED, "A", false, 0, null, null)));
        connection = new Connection(Endpoint.of("wss://" + host + ":" + port + "/ocpp", "21/000-000001", 2, "s3cret"),
                thread, cp, new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMillis(50)),
                TrustAnchors.of(caCertificates));
        connection.start();
    }

    private static boolean is(JsonNode e, String event) {
        return event.equals(e.path("event").asText());
    }

    private static long count(CentralSystem cs, String event) {
        return cs.events().stream().filter(e -> is(e, event)).count();
    }

    @Test
    void profile2_withTheRightCa_connects_withTheBasicPassword_andBoots() throws Exception {
        try (CentralSystem cs = tlsCentralSystem()) {
            start("localhost", cs.port, Files.readString(pki.resolve("ca.pem")));
            JsonNode hello = cs.awaitEvent(e -> is(e, "connected"), WITHIN);
            assertEquals("s3cret", hello.get("password").asText(), "HTTP Basic inside TLS");
            assertEquals("21/000-000001", hello.get("identity").asText());
            cs.awaitEvent(e -> is(e, "boot") && "Accepted".equals(e.path("status").asText()), WITHIN);
            cs.awaitEvent(e -> is(e, "status"), WITHIN);
            assertEquals(0, count(cs, "tlsError"), cs.events().toString());
        }
    }

    @Test
    void profile2_withTheCaAsAFilePath_connects() throws Exception {
        try (CentralSystem cs = tlsCentralSystem()) {
            start("localhost", cs.port, pki.resolve("ca.pem").toString());
            cs.awaitEvent(e -> is(e, "boot") && "Accepted".equals(e.path("status").asText()), WITHIN);
        }
    }

    @Test
    void aCertificateOfAnotherCa_doesNotVerify_neverConnects_andIsTriedAgainWithTheBackoff() throws Exception {
        try (CentralSystem cs = tlsCentralSystem()) {
            start("localhost", cs.port, Files.readString(pki.resolve("other.pem")));
            cs.awaitEvent(e -> is(e, "tlsError") && count(cs, "tlsError") >= 3, WITHIN);
            assertEquals(0, count(cs, "connected"), "no WebSocket over an unverified TLS: " + cs.events());
        }
    }

    @Test
    void aHostNameTheCertificateDoesNotCarry_neverConnects_evenWithTheRightCa() throws Exception {
        try (CentralSystem cs = tlsCentralSystem()) {
            // the certificate names localhost only; 127.0.0.1 is the same server under a name it does not carry
            start("127.0.0.1", cs.port, Files.readString(pki.resolve("ca.pem")));
            cs.awaitEvent(e -> is(e, "tlsError") && count(cs, "tlsError") >= 3, WITHIN);
            assertEquals(0, count(cs, "connected"), cs.events().toString());
        }
    }

    @Test
    void theJvmTrustStore_doesNotKnowATestCa() throws Exception {
        try (CentralSystem cs = tlsCentralSystem()) {
            start("localhost", cs.port, "");
            cs.awaitEvent(e -> is(e, "tlsError") && count(cs, "tlsError") >= 2, WITHIN);
            assertEquals(0, count(cs, "connected"), cs.events().toString());
        }
    }

    @Test
    void caCertificates_emptyIsTheJvmTrustStore_badValuesFailNamingTheKey() throws Exception {
        assertSame(TrustAnchors.JVM, TrustAnchors.of(""));
        assertSame(TrustAnchors.JVM, TrustAnchors.of(null));
        File missing = pki.resolve("no-such.pem").toFile();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustAnchors.of(missing.getPath()));
        assertTrue(e.getMessage().startsWith("caCertificates: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrustAnchors.of("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----"));
        assertTrue(e.getMessage().startsWith("caCertificates: "), e.getMessage());
        TrustAnchors two = TrustAnchors.of(Files.readString(pki.resolve("ca.pem"))
                + Files.readString(pki.resolve("other.pem")));
        assertEquals(2, two.store().size(), "every certificate of a PEM bundle is an anchor");
        assertTrue(TrustAnchors.isTlsFailure(new RuntimeException(new javax.net.ssl.SSLHandshakeException("x"))));
        assertTrue(!TrustAnchors.isTlsFailure(new java.net.ConnectException("refused")));
    }
}
