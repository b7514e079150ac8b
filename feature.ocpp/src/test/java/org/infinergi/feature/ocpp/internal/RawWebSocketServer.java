package org.infinergi.feature.ocpp.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * A WebSocket server of a few lines (RFC 6455, unmasked server frames) for what the central system of the tests
 * cannot do on purpose: refuse the subprotocol, send binary frames. One connection at a time, on the test's thread.
 */
final class RawWebSocketServer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private final ServerSocket server;
    final int port;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;

    RawWebSocketServer() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        server.setSoTimeout(20_000);
        port = server.getLocalPort();
    }

    /** Accepts the next connection and answers its upgrade with {@code protocol} (null: no subprotocol). */
    String accept(String protocol) throws Exception {
        if (socket != null) {
            socket.close();
        }
        socket = server.accept();
        socket.setSoTimeout(20_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        String request = head(in);
        String key = null;
        for (String line : request.split("\r\n")) {
            if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                key = line.substring(line.indexOf(':') + 1).trim();
            }
        }
        String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n"
                + (protocol == null ? "" : "Sec-WebSocket-Protocol: " + protocol + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return request;
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (!b.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed in the request head");
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    /** Writes one unmasked frame, FIN set. */
    void send(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(payload.length);
        } else if (payload.length < 65536) {
            f.write(126);
            f.write(payload.length >> 8);
            f.write(payload.length & 0xff);
        } else {
            f.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) ((long) payload.length >> shift) & 0xff);
            }
        }
        f.write(payload);
        out.write(f.toByteArray());
        out.flush();
    }

    void sendText(String text) throws IOException {
        send(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One frame of the client, unmasked: the opcode in the first byte of the result, then the payload. */
    byte[] receive() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] mask = new byte[4];
        if ((b1 & 0x80) != 0) {
            in.readFully(mask);
        }
        byte[] frame = new byte[(int) len + 1];
        frame[0] = (byte) (b0 & 0x0f);
        in.readFully(frame, 1, (int) len);
        for (int i = 0; i < len; i++) {
            frame[i + 1] ^= mask[i % 4];
        }
        return frame;
    }

    /** The next text frame of the client, skipping control frames. */
    String receiveText() throws IOException {
        while (true) {
            byte[] f = receive();
            if (f[0] == 0x1) {
                return new String(f, 1, f.length - 1, StandardCharsets.UTF_8);
            }
            if (f[0] == 0x8) {
                throw new IOException("closed by the client: " + closeCode(f));
            }
        }
    }

    static int closeCode(byte[] closeFrame) {
        return closeFrame.length >= 3 ? ((closeFrame[1] & 0xff) << 8) | (closeFrame[2] & 0xff) : -1;
    }

    /**
     * Waits for the client's close frame and returns its code and reason ("1000 why"), skipping other control frames;
     * fails on a text frame.
     */
    String awaitClose() throws IOException {
        while (true) {
            byte[] f = receive();
            if (f[0] == 0x8) {
                return closeCode(f) + " " + (f.length > 3 ? new String(f, 3, f.length - 3, StandardCharsets.UTF_8)
                        : "");
            }
            if (f[0] == 0x1) {
                throw new IOException("a text frame before the close: " + new String(f, 1, f.length - 1,
                        StandardCharsets.UTF_8));
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        server.close();
    }
}
