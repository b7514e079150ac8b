package org.infinergi.feature.ocpp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server for the transfer tests: serves {@code GET /files/<name>} from what the test put, answers
 * {@code POST /upload} with 200 and keeps the bodies, and fails the first {@link #failures} requests with 503.
 */
final class FileServer implements AutoCloseable {

    /** One request received: its method, path, headers and body. */
    record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
    }

    private final HttpServer server;
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failures = new AtomicInteger();

    FileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()),
                    body));
            int status;
            byte[] answer = new byte[0];
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 503;
            } else if ("GET".equals(exchange.getRequestMethod()) && files.containsKey(path)) {
                status = 200;
                answer = files.get(path);
            } else if ("POST".equals(exchange.getRequestMethod()) && path.startsWith("/upload")) {
                status = 200;
            } else {
                status = 404;
            }
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
