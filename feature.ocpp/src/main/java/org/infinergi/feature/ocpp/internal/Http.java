package org.infinergi.feature.ocpp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The file transfers of Firmware Management with the JDK's HTTP client: the firmware's download (GET) and the
 * diagnostics' upload (POST, the zip as the raw body). http and https only (the JVM's trust store for https).
 * Blocking: called on the {@link Worker}'s thread.
 */
final class Http {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(5);

    private Http() {
    }

    /** Whether the location is one these transfers can use: an absolute http or https URI. */
    static URI location(String location) {
        URI uri;
        try {
            uri = URI.create(location.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return ("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null ? uri : null;
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * Downloads {@code from} into {@code to}, at most {@code maxBytes} (the data area is small; a larger file is
     * refused, not written whole). A status other than 2xx is a failure.
     */
    static Path download(URI from, Path to, long maxBytes) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(from).timeout(TRANSFER_TIMEOUT).GET().build();
        HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw new IOException("GET " + from + " answered HTTP " + response.statusCode());
            }
            Files.createDirectories(to.getParent());
            long total = 0;
            byte[] buffer = new byte[16384];
            try (OutputStream out = Files.newOutputStream(to)) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    total += n;
                    if (total > maxBytes) {
                        throw new IOException("the firmware at " + from + " is larger than " + maxBytes + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            }
            if (total == 0) {
                throw new IOException("GET " + from + " gave an empty file");
            }
            return to;
        } catch (IOException e) {
            Files.deleteIfExists(to);
            throw e;
        }
    }

    /**
     * Uploads {@code file} to {@code to} with a POST whose body is the file as it is ({@code application/zip}, its
     * name in {@code Content-Disposition}). A status other than 2xx is a failure.
     */
    static void upload(URI to, Path file, String fileName) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(to).timeout(TRANSFER_TIMEOUT)
                .header("Content-Type", "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
        HttpResponse<Void> response = client().send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("POST " + to + " answered HTTP " + response.statusCode());
        }
    }
}
