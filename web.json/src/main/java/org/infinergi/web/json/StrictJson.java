package org.infinergi.web.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Parses a request body as exactly one JSON object: nothing after it, no key twice (which of two values would the
 * charger obey?), no field the endpoint does not know (a misspelt {@code maxCurentA} must not be silently ignored).
 * Field values are then read through {@link JsonObject}, which checks their types and ranges.
 */
public final class StrictJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {
    }

    /**
     * The body as a JSON object whose fields are all in {@code fields}.
     *
     * @param example a correct body, quoted in the message when the body is not an object
     * @throws RequestRejected HTTP 400 naming what was wrong
     */
    public static JsonObject object(byte[] body, Set<String> fields, String example) throws RequestRejected {
        JsonNode root = parse(body, example);
        if (!root.isObject()) {
            throw RequestRejected.badRequest(null, "body must be a JSON object like " + example);
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!fields.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw RequestRejected.badRequest(unknown.get(0), "unknown field '" + unknown.get(0) + "' (allowed: "
                    + String.join(", ", new TreeSet<>(fields)) + ")");
        }
        return new JsonObject((ObjectNode) root);
    }

    private static JsonNode parse(byte[] body, String example) throws RequestRejected {
        if (body == null || body.length == 0) {
            throw RequestRejected.badRequest(null, "empty body: expected a JSON object like " + example);
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw RequestRejected.badRequest(null, "empty body: expected a JSON object like " + example);
            }
            return root;
        } catch (JsonProcessingException e) {
            throw RequestRejected.badRequest(null, "body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw RequestRejected.badRequest(null, "body is not valid JSON");
        }
    }
}
