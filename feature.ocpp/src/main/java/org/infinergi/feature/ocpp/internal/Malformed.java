package org.infinergi.feature.ocpp.internal;

/**
 * A received text that is not a well-formed OCPP-J message: what to answer. {@code id} is the message id when one
 * could be read, else {@code "-1"} (the peer then at least sees that something was refused); {@code answer} false
 * when the standard gives no answer (a broken CALLRESULT or CALLERROR: answering errors with errors would loop).
 */
record Malformed(String id, RpcError code, String description, boolean answer) {
}
