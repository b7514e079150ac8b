package org.infinergi.feature.ocpp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The official OCPP 1.6 JSON schemas (Open Charge Alliance; the file {@code ocpp16-schemas.json} shipped in this
 * bundle, one schema per action and direction, {@code $id} {@code urn:<Action>.req|conf}), applied with networknt's
 * json-schema-validator to every message in both directions. A violation is told with the CALLERROR code of
 * OCPP-J 1.6 §4.2.3 that names its kind.
 */
final class OcppSchemas {

    static final String RESOURCE = "ocpp16-schemas.json";

    /** A payload against its schema: the CALLERROR code and a short description. */
    record Violation(RpcError code, String description) {
    }

    /** The documents by $id, read at start; each is compiled when first used (below). */
    private final Map<String, JsonNode> documents;
    private final SchemaRegistry registry;
    /**
     * The compiled schemas, made on first use: a charger uses about a dozen of the 78 actions, and each compiled
     * schema holds validator objects (and their classes) for as long as the component runs (issue 17: RSS).
     */
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private OcppSchemas(Map<String, JsonNode> documents, SchemaRegistry registry) {
        this.documents = documents;
        this.registry = registry;
    }

    /** Reads the schemas shipped in this bundle (about 80 small documents, not yet compiled). */
    static OcppSchemas load() {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = OcppSchemas.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the bundle");
            }
            JsonNode all = json.readTree(in);
            // The schemas declare draft-07 in $schema; the registry's own meta-schemas answer for it (no network).
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
            Map<String, JsonNode> byId = new HashMap<>();
            for (JsonNode s : all) {
                byId.put(s.get("$id").asText(), s);
            }
            return new OcppSchemas(Map.copyOf(byId), registry);
        } catch (IOException e) {
            throw new IllegalStateException(RESOURCE + " cannot be read", e);
        }
    }

    /** How many schemas are compiled so far (for the tests). */
    int compiledCount() {
        return compiled.size();
    }

    /** An action of OCPP 1.6 (some schema names it), whoever sends it. */
    boolean knows(String action) {
        return documents.containsKey(id(action, true));
    }

    Optional<Violation> request(String action, ObjectNode payload) {
        return check(id(action, true), payload);
    }

    Optional<Violation> confirmation(String action, ObjectNode payload) {
        return check(id(action, false), payload);
    }

    private Optional<Violation> check(String id, ObjectNode payload) {
        JsonNode document = documents.get(id);
        if (document == null) {
            return Optional.of(new Violation(RpcError.NotImplemented, "no OCPP 1.6 schema " + id));
        }
        Schema schema = compiled.computeIfAbsent(id, i -> registry.getSchema(document));
        List<Error> errors = schema.validate(payload);
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        Error first = mostTelling(errors);
        return Optional.of(new Violation(codeOf(first.getKeyword()), first.getMessage()));
    }

    /** A missing field says more than the type of another: report by the order of OCPP-J's list. */
    private static Error mostTelling(List<Error> errors) {
        for (Set<String> kind : List.of(Set.of("required"), Set.of("type"))) {
            for (Error e : errors) {
                if (kind.contains(e.getKeyword())) {
                    return e;
                }
            }
        }
        return errors.get(0);
    }

    /** OCPP-J 1.6 §4.2.3: which schema keyword's violation is which CALLERROR code. */
    static RpcError codeOf(String keyword) {
        if (keyword == null) {
            return RpcError.FormationViolation;
        }
        return switch (keyword) {
            case "required" -> RpcError.OccurenceConstraintViolation;
            case "type" -> RpcError.TypeConstraintViolation;
            case "maxLength", "minLength", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
                    "pattern", "format", "multipleOf", "maxItems", "minItems" ->
                    RpcError.PropertyConstraintViolation;
            // an unknown property or a shape the PDU does not have
            default -> RpcError.FormationViolation;
        };
    }

    private static String id(String action, boolean request) {
        return "urn:" + action + (request ? ".req" : ".conf");
    }
}
