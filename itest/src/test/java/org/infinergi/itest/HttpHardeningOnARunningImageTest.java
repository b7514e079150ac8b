package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 15, "HTTP hardening", on the 3U-DR sim image started as a user starts it ({@code bin/karaf server}, its own
 * JVM with the image's 32 MB heap and Felix HTTP's threadpool.max 8), seen from outside as an attacker sees it:
 * ten slow clients do not keep {@code /api/status} down, TRACE is refused, errors are JSON, a 10 MB body is refused
 * (413 by the sim, 400 naming the limit by the charger's endpoints) and the charger lives on.
 */
public class HttpHardeningOnARunningImageTest {

    private static final Duration BOOT = Duration.ofSeconds(120);
    /** The admin login (manual §6.1.2.1): these checks are about what comes after it. */
    private static final String LOGIN = "Authorization: " + Http.basic(Http.ADMIN, Http.ADMIN_PASSWORD) + "\r\n";

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<Socket> slow = new ArrayList<>();
    private ScheduledExecutorService trickle;
    private Process karaf;
    private int port;
    private Http http;

    @Before
    public void start() throws Exception {
        File images = new File(System.getProperty("infinergi.images", "../karaf-assembly/target"));
        File tarball = new File(images, "infinergi-3U-DR-sim.tar.gz");
        assertTrue("no image " + tarball, tarball.isFile());
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "process")), "http");
        untar(work, tarball);
        Path home = work.resolve("infinergi-3U-DR-sim");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(home.resolve("etc/system.properties"), "\norg.osgi.service.http.port = " + port + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder("bin/karaf", "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("console.log").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        karaf = pb.start();
        http = new Http(port);
        await().atMost(BOOT).pollInterval(Duration.ofMillis(500)).until(() -> http.answers("/api/status"));
    }

    @After
    public void stop() throws IOException {
        if (trickle != null) {
            trickle.shutdownNow();
        }
        for (Socket s : slow) {
            s.close();
        }
        if (karaf != null) {
            karaf.descendants().forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly();
        }
    }

    @Test
    public void tenSlowClientsDoNotKeepTheStatusDown() throws IOException {
        for (int i = 0; i < 10; i++) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.getOutputStream().write(("POST /api/sim/ev HTTP/1.1\r\nHost: charger\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            slow.add(s);
        }
        // A byte every 3 s on every slow socket (a closed one is left closed: the charger cut it off).
        trickle = Executors.newSingleThreadScheduledExecutor();
        trickle.scheduleAtFixedRate(() -> slow.forEach(HttpHardeningOnARunningImageTest::oneByte), 3, 3,
                TimeUnit.SECONDS);
        // Past the 10 s grace after which the firmware cuts slow bodies off, and past Felix's old 60 s idle timeout
        // would be too long for CI: 20 s of the attack with the status answering at every poll.
        await().during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                .until(() -> http.answers("/api/status"));
    }

    private static void oneByte(Socket s) {
        try {
            s.getOutputStream().write(' ');
            s.getOutputStream().flush();
        } catch (IOException e) {
            // cut off by the charger: what the firmware should do to a client this slow
        }
    }

    @Test
    public void traceIsRefusedAndEchoesNothing() throws IOException {
        for (String path : List.of("/api/status", "/api/sim", "/api/control", "/api/nothing")) {
            Raw r = raw("TRACE " + path + " HTTP/1.0\r\nX-Secret: hunter2\r\n\r\n", new byte[0]);
            assertEquals(path, 405, r.status());
            assertFalse(path + ": " + r.body(), r.body().contains("hunter2"));
            assertTrue(path + ": " + r.body(), json(r).has("error"));
        }
    }

    @Test
    public void errorsAreJsonWithoutJettyHtml() throws IOException {
        Raw notFound = raw("GET /api/nothing HTTP/1.0\r\n" + LOGIN + "\r\n", new byte[0]);
        assertEquals(404, notFound.status());
        assertEquals("no such resource: /api/nothing", json(notFound).get("error").asText());
        // HTTP/1.1: a servlet answers an unsupported method of HTTP/1.0 with 400, of HTTP/1.1 with 405.
        Raw put = raw("PUT /api/status HTTP/1.1\r\nHost: charger\r\nConnection: close\r\n" + LOGIN
                + "Content-Length: 2\r\n\r\n",
                "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(405, put.status());
        assertTrue(put.body(), put.body().contains("{\"error\":\"method not allowed: PUT /api/status\"}"));
        Raw propfind = raw("PROPFIND /api/status HTTP/1.1\r\nHost: charger\r\nConnection: close\r\n" + LOGIN
                + "\r\n", new byte[0]);
        assertEquals(501, propfind.status());
        assertTrue(propfind.body(), propfind.body().contains("{\"error\":\"method not implemented: PROPFIND /api/status\"}"));
        // Outside /api no whiteboard servlet matches: Jetty answers its own 404 page there (no Java internals in it).
    }

    @Test
    public void aTenMegabyteBodyIsRefusedAndTheChargerLivesOn() throws IOException {
        for (String path : List.of("/api/sim/ev", "/api/sim/fault", "/api/control")) {
            Raw r = rawTenMegabytes(path);
            // issue 18: the charger's own endpoints answer an oversize body 400 naming the limit (a tampered
            // request); the sim's keep web.json's 413
            assertEquals(path, path.startsWith("/api/sim/") ? 413 : 400, r.status());
            assertTrue(path + ": " + r.body(), json(r).get("error").asText().contains("larger than"));
        }
        http.ev("plug", 16, 3);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> !"VEHICLE_NOT_CONNECTED".equals(http.get("/api/status").get("state").asText()));
    }

    @Test
    public void strictJsonOnTheImage() throws IOException {
        http.ev("plug", 16, 1);
        Raw phases = raw(post("/api/sim/ev", "{\"action\":\"plug\",\"phases\":4294967299}"));
        assertEquals(400, phases.status());
        assertTrue(phases.body(), json(phases).get("error").asText().contains("'phases'"));
        Raw trailing = raw(post("/api/control", "{\"action\":\"pause\"} {\"action\":\"reset\"}"));
        assertEquals(400, trailing.status());
        Raw upper = raw(post("/api/sim/ev", "{\"action\":\"PLUG\"}"));
        assertEquals(400, upper.status());
        assertEquals("the EV did not become three-phase", 1, http.get("/api/sim").get("evPhases").asInt());
    }

    private static String post(String path, String json) {
        return "POST " + path + " HTTP/1.0\r\n" + LOGIN + "Content-Type: application/json\r\nContent-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
    }

    private record Raw(int status, String body) {
    }

    private JsonNode json(Raw r) throws IOException {
        return mapper.readTree(r.body());
    }

    private Raw raw(String request) throws IOException {
        return raw(request, new byte[0]);
    }

    /** One HTTP/1.0 exchange on a fresh socket: no keep-alive, no chunked answer to decode. */
    private Raw raw(String head, byte[] body) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return parse(readAnswer(s.getInputStream()));
        }
    }

    /** Declares and sends 10 MB; the charger may answer and close before it is all sent. */
    private Raw rawTenMegabytes(String path) throws IOException {
        int size = 10 * 1024 * 1024;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.0\r\n" + LOGIN + "Content-Type: application/json\r\nContent-Length: " + size
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try {
                for (int sent = 0; sent < size; sent += chunk.length) {
                    out.write(chunk);
                }
                out.flush();
            } catch (IOException e) {
                // the charger refused and closed before the whole body was sent: read its answer
            }
            return parse(readAnswer(s.getInputStream()));
        }
    }

    private static byte[] readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1;) {
                got.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // a reset after the answer: keep what arrived
        }
        return got.toByteArray();
    }

    private static Raw parse(byte[] answer) {
        String text = new String(answer, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        assertTrue("no HTTP answer: " + text, text.startsWith("HTTP/1.") && end > 0);
        int status = Integer.parseInt(text.substring(9, 12));
        return new Raw(status, text.substring(end + 4));
    }

    private static void untar(Path dir, File tarball) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tar", "xzf", tarball.getAbsolutePath()).directory(dir.toFile())
                .inheritIO().start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new UncheckedIOException(new IOException("tar xzf " + tarball + " failed"));
        }
    }
}
