package org.infinergi.itest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The charger's HTTP API on loopback, as a user or the sim's driver sees it. Runs in the container. */
final class Http {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String base;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** GET path → JSON; throws when the answer is not 200. */
    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** POST JSON body → JSON; throws when the answer is not 200. */
    JsonNode post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
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
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/java-archive")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), mapper.readTree(r.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP status code and its JSON body. */
    record Answer(int code, JsonNode json) {
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
