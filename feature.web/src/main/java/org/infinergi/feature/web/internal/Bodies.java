package org.infinergi.feature.web.internal;

import java.io.IOException;

import javax.servlet.http.HttpServletRequest;

import org.infinergi.web.json.RequestBodies;
import org.infinergi.web.json.RequestRejected;

/**
 * The request bodies of this bundle's endpoints, capped as {@link RequestBodies} caps them (declared length refused
 * before a byte is read, a chunked body read no further than one byte past the cap); an oversize body is a tampered
 * request like any other and answers 400 naming the limit (issue 18 "Bad input"), not 413.
 */
final class Bodies {

    private Bodies() {
    }

    static byte[] read(HttpServletRequest req, int maxBytes) throws RequestRejected, IOException {
        try {
            return RequestBodies.read(req, maxBytes);
        } catch (RequestRejected e) {
            if (e.status() == RequestRejected.TOO_LARGE) {
                throw RequestRejected.badRequest(null, oversize(maxBytes));
            }
            throw e;
        }
    }

    /** "request body larger than 1024 bytes, the limit of this endpoint". */
    static String oversize(int maxBytes) {
        return "request body larger than " + maxBytes + " bytes, the limit of this endpoint";
    }
}
