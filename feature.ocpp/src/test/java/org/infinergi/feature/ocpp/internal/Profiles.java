package org.infinergi.feature.ocpp.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Charging profiles for the tests, written as the central system sends them. */
final class Profiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Profiles() {
    }

    /** csChargingProfiles from a JSON text with single quotes. */
    static ObjectNode json(String singleQuoted) {
        try {
            return (ObjectNode) JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }

    static ChargingProfile of(int connectorId, String singleQuoted) {
        return ChargingProfile.of(connectorId, json(singleQuoted));
    }

    /** An Absolute profile of one period {@code limit} from {@code start}. */
    static ChargingProfile absolute(int connectorId, int id, String purpose, int stackLevel, String start,
            double limit, String unit) {
        return of(connectorId, "{'chargingProfileId':" + id + ",'stackLevel':" + stackLevel
                + ",'chargingProfilePurpose':'" + purpose + "','chargingProfileKind':'Absolute','chargingSchedule':"
                + "{'startSchedule':'" + start + "','chargingRateUnit':'" + unit
                + "','chargingSchedulePeriod':[{'startPeriod':0,'limit':" + limit + "}]}}");
    }
}
