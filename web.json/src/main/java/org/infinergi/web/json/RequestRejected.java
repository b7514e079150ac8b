package org.infinergi.web.json;

/**
 * A request an endpoint refuses before acting on it: the HTTP status to answer and a message for the client that
 * names what was wrong (the field, the limit). Never carries a Java exception's text.
 */
public final class RequestRejected extends Exception {

    private static final long serialVersionUID = 1L;

    /** HTTP 400. */
    public static final int BAD_REQUEST = 400;
    /** HTTP 413. */
    public static final int TOO_LARGE = 413;

    private final int status;
    private final String field;

    private RequestRejected(int status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    /** HTTP 400 about {@code field} (null when the body as a whole is wrong). */
    public static RequestRejected badRequest(String field, String message) {
        return new RequestRejected(BAD_REQUEST, field, message);
    }

    /** HTTP 413: the body is larger than {@code maxBytes}. */
    public static RequestRejected tooLarge(long maxBytes) {
        return new RequestRejected(TOO_LARGE, null, "request body larger than " + maxBytes + " bytes");
    }

    /** The HTTP status to answer. */
    public int status() {
        return status;
    }

    /** The JSON field that was wrong, or null when the body as a whole was. */
    public String field() {
        return field;
    }
}
