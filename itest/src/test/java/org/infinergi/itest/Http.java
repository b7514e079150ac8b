package org.infinergi.itest;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.osgi.framework.BundleContext;

/**
 * The charger's HTTP API on loopback, as a user or the sim's driver sees it. Runs in the container. Logs in with HTTP
 * Basic (manual §6.1.2.1): as {@code admin} unless told otherwise, so a test may use every endpoint.
 */
final class Http {

    /** The serial every image's unit carries in the tests (sim images' etc/org.infinergi.device.cfg). */
    static final String SERIAL = "21/000-000001";
    /** Manual §6.1.2.1: user {@code infinergi} with the serial's last 6 characters, {@code admin} with the serial. */
    static final String USER = "infinergi";
    static final String USER_PASSWORD = "000001";
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = SERIAL;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String base;
    /** The Authorization header sent, or null: no login. */
    private final String authorization;

    Http(int port) {
        this(port, ADMIN, ADMIN_PASSWORD);
    }

    /**
     * The booted image's API, as admin, once it answers that no vehicle is connected (HTTP up, core and sim world
     * wired): where a test of a running charger starts.
     */
    static Http ofIdleCharger(BundleContext context, Duration boot) {
        Http http = new Http(Integer.parseInt(context.getProperty(Images.HTTP_PORT_PROPERTY)));
        await("/api/status reports VEHICLE_NOT_CONNECTED").atMost(boot).ignoreExceptions()
                .until(() -> "VEHICLE_NOT_CONNECTED".equals(http.get("/api/status").path("state").asText()));
        return http;
    }

    /** Logged in as {@code user}; {@code user} null: no login at all. */
    Http(int port, String user, String password) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = user == null ? null : basic(user, password);
    }

    /** The {@code Authorization} header value of HTTP Basic (RFC 7617). */
    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    /** Any method on path → the status code and the body as it came, whatever the code. */
    Answer exchange(String method, String path, String json) {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json);
        try {
            HttpResponse<String> r = client.send(request(path).header("Content-Type", "application/json")
                    .method(method, body).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), json(r.body()), r.headers().firstValue("WWW-Authenticate").orElse(null),
                    r.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET path → JSON; throws when the answer is not 200. */
    JsonNode get(String path) {
        return send(request(path).GET());
    }

    /** POST JSON body → JSON; throws when the answer is not 200. */
    JsonNode post(String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Whether GET path answers 200 now. */
    boolean answers(String path) {
        try {
            get(path);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    JsonNode ev(String action, int maxCurrentA, int phases) {
        return post("/api/sim/ev", "{\"action\":\"" + action + "\",\"maxCurrentA\":" + maxCurrentA
                + ",\"phases\":" + phases + "}");
    }

    JsonNode ev(String action) {
        return post("/api/sim/ev", "{\"action\":\"" + action + "\"}");
    }

    /** Sets or removes the physical cause of a manual §9.1 error in the simulated world. */
    JsonNode fault(String code, boolean active) {
        return post("/api/sim/fault", "{\"fault\":\"" + code + "\",\"active\":" + active + "}");
    }

    /** Presses a key of the simulated panel for holdMs. */
    JsonNode button(String button, int holdMs) {
        return post("/api/sim/button", "{\"button\":\"" + button + "\",\"holdMs\":" + holdMs + "}");
    }

    /** The cable in the socket of an untethered model (its PP resistor), in ohms. */
    JsonNode cable(int resistanceOhm) {
        return post("/api/sim/cable", "{\"resistanceOhm\":" + resistanceOhm + "}");
    }

    /** Presents an RFID card to the simulated reader (POST /api/sim/card). */
    JsonNode card(String uid) {
        return post("/api/sim/card", "{\"uid\":\"" + uid + "\"}");
    }

    /** What a user does on the web: POST /api/control. */
    JsonNode control(String action) {
        return post("/api/control", "{\"action\":\"" + action + "\"}");
    }

    /** POST raw bytes (an upload) → the status code and the JSON answer, whatever the code. */
    Answer upload(String path, byte[] body) {
        try {
            HttpResponse<String> r = client.send(request(path)
                    .header("Content-Type", "application/java-archive")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), mapper.readTree(r.body()), null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body as JSON; a body that is not JSON as one text node, so a test can say what came instead. */
    private JsonNode json(String body) {
        try {
            return body.isEmpty() ? mapper.nullNode() : mapper.readTree(body);
        } catch (IOException e) {
            return mapper.getNodeFactory().textNode(body);
        }
    }

    /** An HTTP status code, its JSON body, the login challenge ({@code WWW-Authenticate}) and {@code Retry-After}. */
    record Answer(int code, JsonNode json, String challenge, String retryAfter) {
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(r.request().method() + " " + r.uri() + " → " + r.statusCode()
                        + " " + r.body());
            }
            return mapper.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
