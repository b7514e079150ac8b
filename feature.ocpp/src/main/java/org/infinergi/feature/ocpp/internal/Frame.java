package org.infinergi.feature.ocpp.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One OCPP-J message (OCPP-J 1.6 §4): CALL, CALLRESULT or CALLERROR. */
sealed interface Frame {

    String id();

    /** {@code [2, id, action, payload]} */
    record Call(String id, String action, ObjectNode payload) implements Frame {
    }

    /** {@code [3, id, payload]} */
    record CallResult(String id, ObjectNode payload) implements Frame {
    }

    /** {@code [4, id, errorCode, errorDescription, errorDetails]} */
    record CallError(String id, String code, String description, ObjectNode details) implements Frame {
    }
}
