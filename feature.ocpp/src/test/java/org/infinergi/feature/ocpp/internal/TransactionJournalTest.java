package org.infinergi.feature.ocpp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class TransactionJournalTest {

    private final ObjectMapper json = new ObjectMapper();
    @TempDir
    Path dir;

    private ObjectNode payload(int n) {
        return json.createObjectNode().put("n", n).put("meterStart", 1000 + n);
    }

    private static List<String> actions(TransactionJournal j) {
        return j.pending().stream().map(e -> e.action() + "#" + e.payload().get("n").asInt()).toList();
    }

    @Test
    void queuedMessages_andGivenIds_surviveAReopen_inTheirOrder() throws Exception {
        Path f = dir.resolve("q");
        TransactionJournal j = TransactionJournal.open(f);
        j.enqueue(TransactionJournal.START, 7, payload(1));
        j.enqueue(TransactionJournal.METER_VALUES, 7, payload(2));
        j.transactionIdGiven(7, 42);
        j.delivered(j.head().orElseThrow());
        j.enqueue(TransactionJournal.STOP, 7, payload(3));
        // no close: a kill -9 leaves the file as the last forced write did
        TransactionJournal again = TransactionJournal.open(f);
        assertEquals(List.of("MeterValues#2", "StopTransaction#3"), actions(again));
        assertEquals(42, again.transactionId(7).orElseThrow());
        assertEquals(7L, again.txKeyOf(42).orElseThrow());
        assertTrue(again.open().isEmpty(), "the stop is queued: no transaction open");
        TransactionJournal.Entry next = again.enqueue(TransactionJournal.START, 8, payload(4));
        assertTrue(next.seq() > again.pending().get(1).seq(), "sequence numbers go on after a reopen");
    }

    @Test
    void aTornLastRecord_isCutOff_theWholeOnesKept_andWritingGoesOn() throws Exception {
        Path f = dir.resolve("q");
        TransactionJournal j = TransactionJournal.open(f);
        j.enqueue(TransactionJournal.START, 7, payload(1));
        j.enqueue(TransactionJournal.METER_VALUES, 7, payload(2));
        // the power went in the middle of a write
        Files.writeString(f, "1a2b3c {\"r\":\"E\",\"seq\":3,\"act", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        TransactionJournal again = TransactionJournal.open(f);
        assertEquals(List.of("StartTransaction#1", "MeterValues#2"), actions(again));
        again.enqueue(TransactionJournal.STOP, 7, payload(3));
        assertEquals(List.of("StartTransaction#1", "MeterValues#2", "StopTransaction#3"),
                actions(TransactionJournal.open(f)));
    }

    @Test
    void aRecordWithAWrongChecksum_endsTheReplay() throws Exception {
        Path f = dir.resolve("q");
        TransactionJournal j = TransactionJournal.open(f);
        j.enqueue(TransactionJournal.START, 7, payload(1));
        String text = Files.readString(f);
        Files.writeString(f, text.replace("\"n\":1", "\"n\":9"));
        assertTrue(TransactionJournal.open(f).pending().isEmpty(), "a changed record is not believed");
    }

    @Test
    void deliveredMessagesLeave_andAnIdleQueueIsCompacted_keepingTheOpenTransactionAndItsId() throws Exception {
        Path f = dir.resolve("q");
        TransactionJournal j = TransactionJournal.open(f);
        j.enqueue(TransactionJournal.START, 7, payload(1));
        j.transactionIdGiven(7, 42);
        j.delivered(j.head().orElseThrow());
        for (int i = 0; i < 200; i++) {
            j.enqueue(TransactionJournal.METER_VALUES, 7, payload(100 + i));
            j.delivered(j.head().orElseThrow());
        }
        assertTrue(Files.size(f) < TransactionJournal.COMPACT_ABOVE_BYTES + 1024, "compacted: " + Files.size(f));
        TransactionJournal again = TransactionJournal.open(f);
        assertEquals(0, again.size());
        assertEquals(List.of(new TransactionJournal.Open(7, 1001)), again.open());
        assertEquals(42, again.transactionId(7).orElseThrow());
        again.enqueue(TransactionJournal.STOP, 7, payload(3));
        again.delivered(again.head().orElseThrow());
        TransactionJournal last = TransactionJournal.open(f);
        assertTrue(last.open().isEmpty());
        assertTrue(last.transactionId(7).isEmpty(), "a stopped and delivered transaction is forgotten");
    }

    /** A reading for transactionData as Measurands makes it: one sampled value in {@code context}. */
    private ObjectNode reading(String context, int wh) {
        ObjectNode mv = json.createObjectNode().put("timestamp", "2026-12-07T12:00:00Z");
        mv.putArray("sampledValue").addObject().put("value", Integer.toString(wh)).put("context", context);
        return mv;
    }

    private static List<String> readings(TransactionJournal j, long txKey) {
        return j.transactionData(txKey).stream().map(mv -> mv.at("/sampledValue/0/context").asText() + " "
                + mv.at("/sampledValue/0/value").asText()).toList();
    }

    @Test
    void transactionData_survivesAReopen_andLeavesWithTheStopThatCarriesIt() throws Exception {
        Path f = dir.resolve("q");
        TransactionJournal j = TransactionJournal.open(f);
        j.enqueue(TransactionJournal.START, 7, payload(1));
        j.transactionData(7, reading("Transaction.Begin", 1000));
        j.transactionData(7, reading("Sample.Periodic", 1010));
        // no close: a kill -9 leaves the file as the last forced write did
        TransactionJournal again = TransactionJournal.open(f);
        assertEquals(List.of("Transaction.Begin 1000", "Sample.Periodic 1010"), readings(again, 7));
        again.transactionData(7, reading("Sample.Clock", 1020));
        again.enqueue(TransactionJournal.STOP, 7, payload(3));
        assertTrue(again.transactionData(7).isEmpty(), "the StopTransaction carries them now");
        assertTrue(TransactionJournal.open(f).transactionData(7).isEmpty());
    }

    @Test
    void transactionData_isBounded_theOldestSampleAfterTheBeginDroppedFirst_neverAMessage() throws Exception {
        Path f = dir.resolve("q");
        TransactionJournal j = TransactionJournal.open(f);
        j.enqueue(TransactionJournal.START, 7, payload(1));
        j.transactionData(7, reading("Transaction.Begin", 1000));
        int samples = TransactionJournal.TRANSACTION_DATA_MAX + 50;
        for (int i = 1; i <= samples; i++) {
            j.enqueue(TransactionJournal.METER_VALUES, 7, payload(100 + i));
            j.transactionData(7, reading("Sample.Periodic", 1000 + i));
        }
        for (TransactionJournal t : List.of(j, TransactionJournal.open(f))) {
            List<String> kept = readings(t, 7);
            assertEquals(TransactionJournal.TRANSACTION_DATA_MAX, kept.size());
            assertEquals("Transaction.Begin 1000", kept.get(0), "the begin stays");
            assertEquals("Sample.Periodic " + (1000 + samples - TransactionJournal.TRANSACTION_DATA_MAX + 2),
                    kept.get(1), "the oldest samples went first");
            assertEquals("Sample.Periodic " + (1000 + samples), kept.get(kept.size() - 1));
            assertEquals(samples + 1, t.size(), "every queued message stays");
        }
    }

    @Test
    void aCompaction_keepsTheOpenTransactionsData_andDoesNotRunAgainForItAlone() throws Exception {
        Path f = dir.resolve("q");
        TransactionJournal j = TransactionJournal.open(f);
        j.enqueue(TransactionJournal.START, 7, payload(1));
        j.transactionIdGiven(7, 42);
        j.delivered(j.head().orElseThrow());
        for (int i = 0; i < TransactionJournal.TRANSACTION_DATA_MAX; i++) {
            j.transactionData(7, reading("Sample.Periodic", 2000 + i).put("pad", "x".repeat(200)));
        }
        long before = Files.size(f);
        j.enqueue(TransactionJournal.METER_VALUES, 7, payload(99));
        j.delivered(j.head().orElseThrow());
        long compacted = Files.size(f);
        assertTrue(compacted < before, "compacted: " + before + " -> " + compacted);
        assertTrue(compacted > TransactionJournal.COMPACT_ABOVE_BYTES, "the readings alone: " + compacted);
        j.enqueue(TransactionJournal.METER_VALUES, 7, payload(100));
        j.delivered(j.head().orElseThrow());
        assertTrue(Files.size(f) > compacted, "not rewritten again at every delivery for the readings alone");
        for (int i = 0; i < 300; i++) {
            j.enqueue(TransactionJournal.METER_VALUES, 7, payload(101 + i));
            j.delivered(j.head().orElseThrow());
        }
        assertTrue(Files.size(f) <= compacted + TransactionJournal.COMPACT_ABOVE_BYTES + 1024,
                "compacted again once grown by the bound: " + Files.size(f));
        TransactionJournal again = TransactionJournal.open(f);
        assertEquals(TransactionJournal.TRANSACTION_DATA_MAX, again.transactionData(7).size());
        assertEquals("2000", again.transactionData(7).get(0).at("/sampledValue/0/value").asText());
        // the readings it kept report up to 2099 Wh
        assertEquals(List.of(new TransactionJournal.Open(7, 1001, 2099)), again.open());
    }

    /** A MeterValues payload as Transactions queues it: one reading of the register, {@code wh} Wh. */
    private ObjectNode meterValues(int n, int wh) {
        ObjectNode p = json.createObjectNode().put("n", n).put("connectorId", 1);
        p.putArray("meterValue").addObject().put("timestamp", "2026-12-07T12:00:00Z").putArray("sampledValue")
                .addObject().put("value", Integer.toString(wh)).put("context", "Sample.Periodic")
                .put("measurand", "Energy.Active.Import.Register").put("location", "Outlet").put("unit", "Wh");
        return p;
    }

    @Test
    void theHighestRegisterReported_byMeterValuesTransactionDataOrATrigger_survivesAReopen() throws Exception {
        Path f = dir.resolve("q");
        TransactionJournal j = TransactionJournal.open(f);
        j.enqueue(TransactionJournal.START, 7, payload(1));
        assertEquals(1001, j.highestReportedWh(7).orElseThrow(), "before any value: its meterStart");
        j.enqueue(TransactionJournal.METER_VALUES, 7, meterValues(2, 1018));
        j.enqueue(TransactionJournal.METER_VALUES, 7, meterValues(3, 1005));
        assertEquals(1018, j.highestReportedWh(7).orElseThrow(), "a lower value does not lower it");
        j.transactionData(7, reading("Sample.Clock", 1020));
        assertEquals(1020, j.highestReportedWh(7).orElseThrow());
        j.reported(7, 1025);
        j.reported(7, 1010);
        // no close: a kill -9 leaves the file as the last forced write did
        TransactionJournal again = TransactionJournal.open(f);
        assertEquals(List.of(new TransactionJournal.Open(7, 1001, 1025)), again.open());
        again.enqueue(TransactionJournal.STOP, 7, payload(4));
        assertTrue(again.highestReportedWh(7).isEmpty(), "a stopped transaction has none");
    }

    @Test
    void theHighestRegisterReported_survivesACompaction_inTheOpenRecord() throws Exception {
        Path f = dir.resolve("q");
        TransactionJournal j = TransactionJournal.open(f);
        j.enqueue(TransactionJournal.START, 7, payload(1));
        j.transactionIdGiven(7, 42);
        j.delivered(j.head().orElseThrow());
        j.enqueue(TransactionJournal.METER_VALUES, 7, meterValues(2, 1500));
        j.delivered(j.head().orElseThrow());
        for (int i = 0; i < 200; i++) {
            j.enqueue(TransactionJournal.METER_VALUES, 7, payload(100 + i));
            j.delivered(j.head().orElseThrow());
        }
        assertTrue(Files.size(f) < TransactionJournal.COMPACT_ABOVE_BYTES + 1024, "compacted: " + Files.size(f));
        assertFalse(Files.readString(f).contains("\"value\":\"1500\""), "the MeterValues of 1500 Wh left the file");
        TransactionJournal again = TransactionJournal.open(f);
        assertEquals(List.of(new TransactionJournal.Open(7, 1001, 1500)), again.open());
    }

    @Test
    void anOpenRecordOfAnOlderFile_withoutTheHighest_meansItsMeterStart() throws Exception {
        Path f = dir.resolve("q");
        String n = "{\"r\":\"N\",\"seq\":5}";
        String o = "{\"r\":\"O\",\"tx\":7,\"meterStart\":1234}";
        Files.writeString(f, crc(n) + " " + n + "\n" + crc(o) + " " + o + "\n", StandardCharsets.UTF_8);
        TransactionJournal j = TransactionJournal.open(f);
        assertEquals(List.of(new TransactionJournal.Open(7, 1234, 1234)), j.open());
        j.enqueue(TransactionJournal.METER_VALUES, 7, meterValues(1, 1300));
        assertEquals(1300, TransactionJournal.open(f).highestReportedWh(7).orElseThrow());
    }

    @Test
    void theRegisterOfAMeterValue_isItsEnergyRegister_inWhOrKWh_theDefaultMeasurandToo() throws Exception {
        ObjectNode mv = json.createObjectNode();
        mv.putArray("sampledValue").addObject().put("value", "3680").put("measurand", "Power.Active.Import")
                .put("unit", "W");
        assertTrue(TransactionJournal.registerIn(mv).isEmpty(), "a power is no register");
        ((com.fasterxml.jackson.databind.node.ArrayNode) mv.get("sampledValue")).addObject().put("value", "12.5")
                .put("measurand", "Energy.Active.Import.Register").put("unit", "kWh");
        assertEquals(12_500, TransactionJournal.registerIn(mv).getAsLong());
        assertEquals(1020, TransactionJournal.registerIn(reading("Sample.Clock", 1020)).getAsLong(),
                "no measurand: the register (OCPP 1.6 §7.31 default)");
    }

    private static String crc(String body) {
        java.util.zip.CRC32 c = new java.util.zip.CRC32();
        c.update(body.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(c.getValue());
    }
}
