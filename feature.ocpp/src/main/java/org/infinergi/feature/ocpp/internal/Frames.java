package org.infinergi.feature.ocpp.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OCPP-J framing (OCPP-J 1.6 §4): the JSON arrays of CALL, CALLRESULT and CALLERROR, read and written with Jackson.
 * Reading never throws: a text that is no OCPP-J message becomes a {@link Malformed} that tells what to answer.
 */
final class Frames {

    static final int CALL = 2;
    static final int CALL_RESULT = 3;
    static final int CALL_ERROR = 4;
    /** OCPP-J 1.6 §4.1.3: the message id is at most 36 characters. */
    static final int MAX_ID_LENGTH = 36;

    private final ObjectMapper json = new ObjectMapper();

    ObjectNode object() {
        return json.createObjectNode();
    }

    /** A {@link Frame} or a {@link Malformed}. */
    Object read(String text) {
        JsonNode tree;
        try {
            tree = json.readTree(text);
        } catch (IOException e) {
            return new Malformed("-1", RpcError.FormationViolation, "not JSON: " + firstLine(e), true);
        }
        if (tree == null || !tree.isArray() || tree.isEmpty()) {
            return new Malformed("-1", RpcError.FormationViolation, "not an OCPP-J message array", true);
        }
        ArrayNode a = (ArrayNode) tree;
        JsonNode idNode = a.size() > 1 ? a.get(1) : null;
        String id = idNode != null && idNode.isTextual() && idNode.asText().length() <= MAX_ID_LENGTH
                ? idNode.asText() : null;
        if (!a.get(0).isInt()) {
            return new Malformed(id == null ? "-1" : id, RpcError.FormationViolation,
                    "the message type is not a number", true);
        }
        int type = a.get(0).asInt();
        if (id == null) {
            return new Malformed("-1", RpcError.FormationViolation, "the message id is not a string of at most "
                    + MAX_ID_LENGTH + " characters", type == CALL);
        }
        switch (type) {
            case CALL:
                if (a.size() != 4 || !a.get(2).isTextual()) {
                    return new Malformed(id, RpcError.FormationViolation,
                            "a CALL is [2, id, action, payload]", true);
                }
                if (!a.get(3).isObject()) {
                    return new Malformed(id, RpcError.FormationViolation, "the payload is not a JSON object", true);
                }
                return new Frame.Call(id, a.get(2).asText(), (ObjectNode) a.get(3));
            case CALL_RESULT:
                if (a.size() != 3 || !a.get(2).isObject()) {
                    return new Malformed(id, RpcError.FormationViolation, "a CALLRESULT is [3, id, payload]", false);
                }
                return new Frame.CallResult(id, (ObjectNode) a.get(2));
            case CALL_ERROR:
                if (a.size() != 5 || !a.get(2).isTextual() || !a.get(3).isTextual() || !a.get(4).isObject()) {
                    return new Malformed(id, RpcError.FormationViolation,
                            "a CALLERROR is [4, id, code, description, details]", false);
                }
                return new Frame.CallError(id, a.get(2).asText(), a.get(3).asText(), (ObjectNode) a.get(4));
            default:
                return new Malformed(id, RpcError.ProtocolError, "unknown message type " + type, true);
        }
    }

    String write(Frame frame) {
        ArrayNode a = json.createArrayNode();
        if (frame instanceof Frame.Call c) {
            a.add(CALL).add(c.id()).add(c.action()).add(c.payload());
        } else if (frame instanceof Frame.CallResult r) {
            a.add(CALL_RESULT).add(r.id()).add(r.payload());
        } else if (frame instanceof Frame.CallError e) {
            a.add(CALL_ERROR).add(e.id()).add(e.code()).add(e.description())
                    .add(e.details() == null ? object() : e.details());
        }
        try {
            return json.writeValueAsString(a);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }

    Frame.CallError error(String id, RpcError code, String description) {
        // OCPP-J 1.6 §4.2.3: the description is a short free text; keep it bounded whatever the cause was.
        String d = description == null ? "" : description.length() > 255 ? description.substring(0, 255)
                : description;
        return new Frame.CallError(id, code.name(), d, object());
    }

    private static String firstLine(IOException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
