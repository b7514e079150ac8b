package org.infinergi.web.json;

import java.io.IOException;
import java.io.InputStream;

import javax.servlet.http.HttpServletRequest;

/**
 * Request bodies read with a cap: a declared length above the cap is refused before a byte is read, and an
 * undeclared (chunked) body is read no further than one byte past the cap, so no client can make the charger hold
 * more than the cap in memory.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * The body of {@code request}, at most {@code maxBytes} long.
     *
     * @throws RequestRejected HTTP 413 when the body is (or declares to be) larger than {@code maxBytes}
     */
    public static byte[] read(HttpServletRequest request, int maxBytes) throws RequestRejected, IOException {
        refuseDeclaredLength(request.getContentLengthLong(), maxBytes);
        return read(request.getInputStream(), maxBytes);
    }

    /** Refuses a declared length ({@code Content-Length}, -1 when none) above {@code maxBytes}, before any read. */
    public static void refuseDeclaredLength(long declaredLength, long maxBytes) throws RequestRejected {
        if (declaredLength > maxBytes) {
            throw RequestRejected.tooLarge(maxBytes);
        }
    }

    /** At most {@code maxBytes} of {@code in}; reads one byte more only to tell that the body is too large. */
    public static byte[] read(InputStream in, int maxBytes) throws RequestRejected, IOException {
        byte[] body = in.readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            throw RequestRejected.tooLarge(maxBytes);
        }
        return body;
    }
}
