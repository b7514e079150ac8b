package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class OcppSchemasTest {

    private static final OcppSchemas SCHEMAS = OcppSchemas.load();
    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode obj(String s) throws Exception {
        return (ObjectNode) json.readTree(s);
    }

    private RpcError requestFault(String action, String payload) throws Exception {
        Optional<OcppSchemas.Violation> v = SCHEMAS.request(action, obj(payload));
        assertTrue(v.isPresent(), action + " " + payload + " should break its schema");
        return v.get().code();
    }

    /** Issue 17 (RSS with OCPP connected): a schema is compiled when an action first needs it, and once. */
    @Test
    void aSchemaIsCompiledOnFirstUse_once() throws Exception {
        OcppSchemas schemas = OcppSchemas.load();
        assertEquals(0, schemas.compiledCount(), "none at start");
        assertTrue(schemas.knows("Heartbeat"));
        assertEquals(0, schemas.compiledCount(), "knowing an action compiles nothing");
        assertTrue(schemas.request("Heartbeat", obj("{}")).isEmpty());
        assertTrue(schemas.request("Heartbeat", obj("{}")).isEmpty());
        assertEquals(1, schemas.compiledCount());
        assertTrue(schemas.confirmation("Heartbeat", obj("{\"currentTime\":\"2026-12-07T12:00:00Z\"}")).isEmpty());
        assertEquals(2, schemas.compiledCount(), "the confirmation is another schema");
    }

    @Test
    void knowsEveryActionOfOcpp16_andNoOther() {
        for (String a : new String[] {"BootNotification", "Heartbeat", "StatusNotification", "GetConfiguration",
                "ChangeConfiguration", "RemoteStartTransaction", "SetChargingProfile", "UpdateFirmware",
                "TriggerMessage", "ReserveNow", "SendLocalList", "DataTransfer"}) {
            assertTrue(SCHEMAS.knows(a), a);
        }
        assertFalse(SCHEMAS.knows("FlyToTheMoon"));
        assertFalse(SCHEMAS.knows("NotifyEVChargingNeeds"), "an OCPP 2.0.1 action");
    }

    @Test
    void aValidMessagePasses_bothWays() throws Exception {
        assertEquals(Optional.empty(), SCHEMAS.request("BootNotification",
                obj("{\"chargePointVendor\":\"SEMAR\",\"chargePointModel\":\"INFINERGI-3T-DR\"}")));
        assertEquals(Optional.empty(), SCHEMAS.confirmation("BootNotification",
                obj("{\"status\":\"Accepted\",\"currentTime\":\"2026-12-07T12:00:00Z\",\"interval\":300}")));
    }

    @Test
    void aMissingField_isAnOccurenceConstraintViolation() throws Exception {
        assertEquals(RpcError.OccurenceConstraintViolation, requestFault("ChangeConfiguration", "{\"key\":\"X\"}"));
    }

    @Test
    void aFieldOfTheWrongType_isATypeConstraintViolation() throws Exception {
        assertEquals(RpcError.TypeConstraintViolation,
                requestFault("ChangeConfiguration", "{\"key\":\"X\",\"value\":5}"));
        assertEquals(RpcError.TypeConstraintViolation, requestFault("GetConfiguration", "{\"key\":\"X\"}"));
    }

    @Test
    void aValueOutOfItsRange_isAPropertyConstraintViolation() throws Exception {
        assertEquals(RpcError.PropertyConstraintViolation,
                requestFault("ChangeConfiguration", "{\"key\":\"" + "K".repeat(51) + "\",\"value\":\"1\"}"));
        assertEquals(RpcError.PropertyConstraintViolation, requestFault("Reset", "{\"type\":\"Gentle\"}"));
    }

    @Test
    void anUnknownProperty_isAFormationViolation() throws Exception {
        assertEquals(RpcError.FormationViolation, requestFault("Heartbeat", "{\"extra\":1}"));
    }

    @Test
    void ourStatusNotificationIsCheckedToo() throws Exception {
        assertEquals(RpcError.PropertyConstraintViolation, requestFault("StatusNotification",
                "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Sleeping\"}"));
    }
}
