package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FramesTest {

    private final Frames frames = new Frames();

    @Test
    void readsTheThreeMessageTypes() {
        Frame.Call c = assertInstanceOf(Frame.Call.class, frames.read("[2,\"a1\",\"Reset\",{\"type\":\"Soft\"}]"));
        assertEquals("a1", c.id());
        assertEquals("Reset", c.action());
        assertEquals("Soft", c.payload().get("type").asText());
        Frame.CallResult r = assertInstanceOf(Frame.CallResult.class, frames.read("[3,\"a2\",{\"x\":1}]"));
        assertEquals("a2", r.id());
        Frame.CallError e = assertInstanceOf(Frame.CallError.class,
                frames.read("[4,\"a3\",\"NotSupported\",\"no\",{}]"));
        assertEquals("NotSupported", e.code());
        assertEquals("no", e.description());
    }

    @Test
    void writesWhatItReads() {
        String call = "[2,\"7\",\"Heartbeat\",{}]";
        assertEquals(call, frames.write((Frame) frames.read(call)));
        assertEquals("[4,\"7\",\"NotImplemented\",\"unknown action X\",{}]",
                frames.write(frames.error("7", RpcError.NotImplemented, "unknown action X")));
    }

    @Test
    void aTextThatIsNotJson_isAFormationViolation_withTheUnknownId() {
        Malformed m = assertInstanceOf(Malformed.class, frames.read("[2,\"1\",\"Heartbeat\",{"));
        assertEquals("-1", m.id());
        assertEquals(RpcError.FormationViolation, m.code());
        assertTrue(m.answer());
        assertInstanceOf(Malformed.class, frames.read("{\"not\":\"an array\"}"));
        assertInstanceOf(Malformed.class, frames.read("[]"));
    }

    @Test
    void aCallOfTheWrongShape_isAFormationViolation_answeredWithItsId() {
        Malformed noPayload = assertInstanceOf(Malformed.class, frames.read("[2,\"9\",\"Heartbeat\"]"));
        assertEquals("9", noPayload.id());
        assertEquals(RpcError.FormationViolation, noPayload.code());
        Malformed arrayPayload = assertInstanceOf(Malformed.class, frames.read("[2,\"9\",\"Heartbeat\",[]]"));
        assertEquals(RpcError.FormationViolation, arrayPayload.code());
        Malformed numericId = assertInstanceOf(Malformed.class, frames.read("[2,9,\"Heartbeat\",{}]"));
        assertEquals("-1", numericId.id());
        Malformed longId = assertInstanceOf(Malformed.class,
                frames.read("[2,\"" + "x".repeat(37) + "\",\"Heartbeat\",{}]"));
        assertEquals("-1", longId.id());
    }

    @Test
    void anUnknownMessageType_isAProtocolError() {
        Malformed m = assertInstanceOf(Malformed.class, frames.read("[5,\"1\",\"Heartbeat\",{}]"));
        assertEquals(RpcError.ProtocolError, m.code());
        assertEquals("1", m.id());
    }

    @Test
    void aBrokenAnswer_isNotAnsweredBack() {
        assertFalse(assertInstanceOf(Malformed.class, frames.read("[3,\"1\"]")).answer());
        assertFalse(assertInstanceOf(Malformed.class, frames.read("[4,\"1\",\"X\"]")).answer());
    }
}
