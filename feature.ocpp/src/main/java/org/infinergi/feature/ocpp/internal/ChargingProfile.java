package org.infinergi.feature.ocpp.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One charging profile of OCPP 1.6 §7.8 (csChargingProfiles of SetChargingProfile, §5.16) as installed on a
 * connector: what the central system sent, read once. {@link #json()} keeps the request as it came, for the store.
 *
 * @param connectorId 0 (the whole charge point) or 1
 * @param id          chargingProfileId
 * @param transactionId the transaction a TxProfile belongs to, null when none was named
 * @param validFrom   null: valid since ever
 * @param validTo     null: valid for ever
 * @param recurrency  {@code Daily} or {@code Weekly} for a Recurring profile, else null
 * @param duration    the schedule's length in seconds, null: until the next period of a recurrence, or for ever
 * @param startSchedule the schedule's start of an Absolute or Recurring profile, null for Relative
 * @param unit        {@code A} or {@code W}
 * @param minChargingRate the least rate the vehicle charges at (in {@code unit}), null when not given
 */
record ChargingProfile(int connectorId, int id, Integer transactionId, int stackLevel, Purpose purpose, Kind kind,
        String recurrency, Instant validFrom, Instant validTo, Integer duration, Instant startSchedule, String unit,
        List<Period> periods, Double minChargingRate, ObjectNode json) {

    /** ChargingProfilePurposeType (§7.10). */
    enum Purpose { ChargePointMaxProfile, TxDefaultProfile, TxProfile }

    /** ChargingProfileKindType (§7.9). */
    enum Kind { Absolute, Recurring, Relative }

    /** ChargingSchedulePeriod (§7.14): from {@code startPeriod} seconds into the schedule, at most {@code limit}. */
    record Period(int startPeriod, double limit, Integer numberPhases) {
    }

    ChargingProfile {
        periods = List.copyOf(periods);
    }

    /** Reads a request's {@code csChargingProfiles} (it passed the schema: the required fields are there). */
    static ChargingProfile of(int connectorId, ObjectNode p) {
        JsonNode s = p.get("chargingSchedule");
        List<Period> periods = new ArrayList<>();
        for (JsonNode q : s.get("chargingSchedulePeriod")) {
            periods.add(new Period(q.get("startPeriod").asInt(), q.get("limit").asDouble(),
                    q.has("numberPhases") ? q.get("numberPhases").asInt() : null));
        }
        return new ChargingProfile(connectorId, p.get("chargingProfileId").asInt(),
                p.has("transactionId") ? p.get("transactionId").asInt() : null, p.get("stackLevel").asInt(),
                Purpose.valueOf(p.get("chargingProfilePurpose").asText()),
                Kind.valueOf(p.get("chargingProfileKind").asText()),
                p.has("recurrencyKind") ? p.get("recurrencyKind").asText() : null, instant(p, "validFrom"),
                instant(p, "validTo"), s.has("duration") ? s.get("duration").asInt() : null,
                instant(s, "startSchedule"), s.get("chargingRateUnit").asText(), periods,
                s.has("minChargingRate") ? s.get("minChargingRate").asDouble() : null, p.deepCopy());
    }

    private static Instant instant(JsonNode n, String field) {
        return n.has(field) ? java.time.OffsetDateTime.parse(n.get(field).asText()).toInstant() : null;
    }

    /** The recurrence period in seconds, 0 when the profile does not recur. */
    long recurrenceSeconds() {
        if (kind != Kind.Recurring) {
            return 0;
        }
        return "Weekly".equals(recurrency) ? 7 * 86_400L : 86_400L;
    }

    /** Whether the profile is valid at {@code t} (validFrom inclusive, validTo exclusive). */
    boolean validAt(Instant t) {
        return (validFrom == null || !t.isBefore(validFrom)) && (validTo == null || t.isBefore(validTo));
    }

    /** How the charge point names it to a user: "charging profile 7 (TxProfile)". */
    String label() {
        return "OCPP charging profile " + id + " (" + purpose + ")";
    }
}
