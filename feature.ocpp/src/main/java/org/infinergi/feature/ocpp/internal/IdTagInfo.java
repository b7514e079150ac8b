package org.infinergi.feature.ocpp.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OCPP 1.6 §7.25 IdTagInfo: what the central system said of an id tag, as the local list and the authorization
 * cache keep it.
 *
 * @param status      AuthorizationStatus: Accepted, Blocked, Expired, Invalid, ConcurrentTx
 * @param expiryDate  when the charger must stop taking it as valid without asking again; null = no end
 * @param parentIdTag its parent id tag, or null
 */
record IdTagInfo(String status, Instant expiryDate, String parentIdTag) {

    static final String ACCEPTED = "Accepted";
    static final String EXPIRED = "Expired";

    /** From an idTagInfo object of a message or of the stored file; null when {@code n} holds none. */
    static IdTagInfo of(JsonNode n) {
        if (n == null || !n.isObject() || !n.hasNonNull("status")) {
            return null;
        }
        Instant expiry = null;
        if (n.hasNonNull("expiryDate")) {
            try {
                expiry = java.time.OffsetDateTime.parse(n.get("expiryDate").asText()).toInstant();
            } catch (DateTimeParseException e) {
                // schema-valid date-time that java.time does not read: an unreadable end is taken as ended
                expiry = Instant.EPOCH;
            }
        }
        return new IdTagInfo(n.get("status").asText(), expiry,
                n.hasNonNull("parentIdTag") ? n.get("parentIdTag").asText() : null);
    }

    /**
     * The status as of {@code now}: §3.5.1 "when the validity of an entry expires it SHALL be changed to expired":
     * an Accepted entry past its expiryDate is Expired.
     */
    String statusAt(Instant now) {
        if (ACCEPTED.equals(status) && expiryDate != null && !now.isBefore(expiryDate)) {
            return EXPIRED;
        }
        return status;
    }

    boolean validAt(Instant now) {
        return ACCEPTED.equals(statusAt(now));
    }

    void writeTo(ObjectNode n) {
        n.put("status", status);
        if (expiryDate != null) {
            n.put("expiryDate", expiryDate.toString());
        }
        if (parentIdTag != null) {
            n.put("parentIdTag", parentIdTag);
        }
    }
}
