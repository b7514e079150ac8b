package org.infinergi.feature.web.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Just enough of a servlet request and response to drive a servlet or filter without Jetty. */
final class FakeHttp {

    /** A request: method, URI, client address, headers, attributes and a body stream. */
    static final class Request {
        final String method;
        final String uri;
        final Map<String, String> headers = new HashMap<>();
        final Map<String, Object> attributes = new HashMap<>();
        String remoteAddr = "192.0.2.1";
        long contentLength = -1;
        InputStream body = InputStream.nullInputStream();

        Request(String method, String uri) {
            this.method = method;
            this.uri = uri;
        }

        Request body(byte[] bytes) {
            this.body = new java.io.ByteArrayInputStream(bytes);
            this.contentLength = bytes.length;
            return this;
        }

        Request body(String json) {
            return body(json.getBytes(StandardCharsets.UTF_8));
        }

        /** A query parameter of the URI ("?id=5"), or null. */
        String parameter(String name) {
            int q = uri.indexOf('?');
            if (q < 0) {
                return null;
            }
            for (String pair : uri.substring(q + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals(name)) {
                    return kv.length > 1 ? kv[1] : "";
                }
            }
            return null;
        }

        HttpServletRequest proxy() {
            ServletInputStream in = new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return body.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return body.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return false;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener l) {
                    throw new UnsupportedOperationException();
                }
            };
            return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getRequestURI" -> uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
                        case "getRemoteAddr" -> remoteAddr;
                        case "getHeader" -> headers.get((String) a[0]);
                        case "getContentLengthLong" -> contentLength;
                        case "getContentLength" -> (int) contentLength;
                        case "getInputStream" -> in;
                        case "getAttribute" -> attributes.get((String) a[0]);
                        case "setAttribute" -> {
                            attributes.put((String) a[0], a[1]);
                            yield null;
                        }
                        case "getDispatcherType" -> javax.servlet.DispatcherType.REQUEST;
                        case "getParameter" -> parameter((String) a[0]);
                        case "getPathInfo", "getServletPath", "getContentType", "getCharacterEncoding" -> null;
                        case "toString" -> method + " " + uri;
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }
    }

    /** A response: status, headers and what was written. */
    static final class Response {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        /** Headers added with addHeader (Set-Cookie), in order. */
        final java.util.List<String> added = new java.util.ArrayList<>();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        String body() {
            return out.toString(StandardCharsets.UTF_8);
        }

        HttpServletResponse proxy() {
            ServletOutputStream stream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    out.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener l) {
                    throw new UnsupportedOperationException();
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> switch (m.getName()) {
                        case "setStatus" -> {
                            status = (Integer) a[0];
                            yield null;
                        }
                        case "setHeader" -> {
                            headers.put((String) a[0], (String) a[1]);
                            yield null;
                        }
                        case "addHeader" -> {
                            added.add(a[0] + ": " + a[1]);
                            yield null;
                        }
                        case "sendError" -> {
                            status = (Integer) a[0];
                            yield null;
                        }
                        case "setContentType" -> {
                            headers.put("Content-Type", (String) a[0]);
                            yield null;
                        }
                        case "setContentLength" -> {
                            headers.put("Content-Length", String.valueOf(a[0]));
                            yield null;
                        }
                        case "setCharacterEncoding" -> null;
                        case "getOutputStream" -> stream;
                        case "isCommitted" -> out.size() > 0;
                        case "getStatus" -> status;
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }
    }

    private FakeHttp() {
    }
}
