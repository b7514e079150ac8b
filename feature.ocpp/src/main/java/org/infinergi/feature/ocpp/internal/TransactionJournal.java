package org.infinergi.feature.ocpp.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The durable queue of transaction messages (OCPP 1.6 §4.10 "transaction-related messages": StartTransaction,
 * StopTransaction, the MeterValues of a transaction): each message is written here, and forced to the medium, before
 * it is sent, and leaves only when the central system answered it; so a message survives a lost connection, a
 * restarted central system and a {@code kill -9} of the firmware, and goes in the order it was made.
 *
 * <p>An append-only journal file of one line per record, each line {@code <crc32 hex> <json>}; {@code fsync} after
 * every record. A torn last line (the power went during the write) fails its CRC and is cut off at the next open:
 * the record it held was never acknowledged to anybody. Records: {@code E} a message enqueued (with its local
 * transaction key, the core's {@code sessionId}), {@code D} the head delivered, {@code I} the transactionId the
 * central system gave to a local transaction, {@code O} an open transaction (written by a compaction, with the
 * highest register it reported), {@code T} a reading of an open transaction for its StopTransaction's
 * {@code transactionData} (OCPP 1.6 §9.1 StopTxnSampledData/StopTxnAlignedData; at most
 * {@value #TRANSACTION_DATA_MAX} per transaction, the oldest dropped first beyond it but the {@code Transaction.Begin}
 * one; the queued messages are never dropped), {@code H} a register value reported outside the queue (a triggered
 * MeterValues). When the queue is empty and the file has grown, it is rewritten with only what is still needed (a
 * temporary file, fsync, an atomic rename, fsync of the folder).
 *
 * <p>The highest {@code Energy.Active.Import.Register} an open transaction reported (its MeterValues, its
 * transactionData, a triggered value) is kept with it, read from those records as they are written and replayed: a
 * central system bills by meterStop, and the core's session energy restored after a power loss (its last periodic
 * persist) may be lower than what the transaction already reported, so its registers must never go back
 * ({@link Open#highestWh}). An {@code O} record of an older file without {@code highestWh} means its meterStart.
 *
 * <p>Not thread-safe: used on the OCPP client's one thread.
 */
final class TransactionJournal {

    static final String START = "StartTransaction";
    static final String STOP = "StopTransaction";
    static final String METER_VALUES = "MeterValues";
    /** The file is rewritten when the queue is empty and the file is larger than this. */
    static final long COMPACT_ABOVE_BYTES = 16 * 1024;
    /**
     * At most this many readings (MeterValue objects) go with a StopTransaction as its transactionData: about 25 KB
     * with two sampled values each, a StopTransaction a central system takes in one frame. A transaction of 8 h with
     * StopTxnSampledData every 5 min (96) and quarter-hour StopTxnAlignedData (32) would reach it; beyond it the
     * oldest readings after Transaction.Begin make room.
     */
    static final int TRANSACTION_DATA_MAX = 100;

    /** One queued message: {@code txKey} is the local transaction it belongs to. */
    record Entry(long seq, String action, long txKey, ObjectNode payload) {
    }

    /**
     * A transaction started (its StartTransaction queued) and not stopped yet (no StopTransaction queued);
     * {@code highestWh}: the highest register value it reported yet (at least its meterStart), below which none of
     * its later values (samples, meterStop) may go.
     */
    record Open(long txKey, int meterStartWh, long highestWh) {

        Open(long txKey, int meterStartWh) {
            this(txKey, meterStartWh, meterStartWh);
        }

        Open reported(long wh) {
            return wh > highestWh ? new Open(txKey, meterStartWh, wh) : this;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Path file;
    private FileChannel channel;
    private final Deque<Entry> pending = new ArrayDeque<>();
    /** The central system's transactionId of each local transaction whose StopTransaction is not delivered yet. */
    private final Map<Long, Integer> ids = new HashMap<>();
    private final Map<Long, Open> open = new LinkedHashMap<>();
    /** The transactionData readings of each open transaction, oldest first. */
    private final Map<Long, List<ObjectNode>> data = new HashMap<>();
    private long nextSeq = 1;
    /** The size of the file after the last compaction (the kept readings of an open transaction stay in it). */
    private long compactedBytes;

    private TransactionJournal(Path file) {
        this.file = file;
    }

    /** Opens (or creates) the journal at {@code file} and replays it. */
    static TransactionJournal open(Path file) throws IOException {
        TransactionJournal j = new TransactionJournal(file);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        long good = j.replay();
        j.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (j.channel.size() > good) {
            // a torn tail: what follows the last whole record was never acknowledged to anybody
            j.channel.truncate(good);
            j.channel.force(true);
        }
        j.channel.position(good);
        return j;
    }

    /** A journal kept in memory only: for tests of the protocol that do not look at durability. */
    static TransactionJournal inMemory() {
        return new TransactionJournal(null);
    }

    // ---- what the queue holds ----

    Optional<Entry> head() {
        return Optional.ofNullable(pending.peek());
    }

    int size() {
        return pending.size();
    }

    List<Entry> pending() {
        return List.copyOf(pending);
    }

    Optional<Integer> transactionId(long txKey) {
        return Optional.ofNullable(ids.get(txKey));
    }

    Optional<Long> txKeyOf(int transactionId) {
        return ids.entrySet().stream().filter(e -> e.getValue() == transactionId).map(Map.Entry::getKey)
                .findFirst();
    }

    /**
     * Whether {@code txKey} names a transaction the journal still holds (open, with an id, or with a message queued):
     * a new transaction must not take it.
     */
    boolean knows(long txKey) {
        return open.containsKey(txKey) || ids.containsKey(txKey) || pending.stream().anyMatch(e -> e.txKey() == txKey);
    }

    /** The readings kept for the StopTransaction of {@code txKey} (its transactionData), oldest first. */
    List<ObjectNode> transactionData(long txKey) {
        return data.getOrDefault(txKey, List.of()).stream().map(ObjectNode::deepCopy).toList();
    }

    /** The open transactions, oldest first (one connector: at most one, unless a stop was missed). */
    List<Open> open() {
        return List.copyOf(open.values());
    }

    /**
     * The highest register value the open transaction {@code txKey} reported (at least its meterStart); empty when it
     * is not open.
     */
    java.util.OptionalLong highestReportedWh(long txKey) {
        Open o = open.get(txKey);
        return o == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(o.highestWh());
    }

    // ---- changes, each durable before the method returns ----

    /** Queues a message; durable when this returns. */
    Entry enqueue(String action, long txKey, ObjectNode payload) {
        Entry e = new Entry(nextSeq, action, txKey, payload.deepCopy());
        ObjectNode r = json.createObjectNode().put("r", "E").put("seq", e.seq()).put("action", action)
                .put("tx", txKey);
        r.set("p", e.payload());
        write(r);
        apply(e);
        return e;
    }

    /** Keeps a reading for the StopTransaction of the open transaction {@code txKey}; durable when this returns. */
    void transactionData(long txKey, ObjectNode meterValue) {
        ObjectNode r = json.createObjectNode().put("r", "T").put("tx", txKey);
        r.set("mv", meterValue.deepCopy());
        write(r);
        applyData(txKey, (ObjectNode) r.get("mv"));
    }

    /**
     * A register value the open transaction {@code txKey} reported outside the queue (a triggered MeterValues, OCPP
     * 1.6 §5.17); durable when this returns, written only when it is a new highest.
     */
    void reported(long txKey, long registerWh) {
        Open o = open.get(txKey);
        if (o == null || registerWh <= o.highestWh()) {
            return;
        }
        write(json.createObjectNode().put("r", "H").put("tx", txKey).put("wh", registerWh));
        raise(txKey, registerWh);
    }

    /** The head was answered (or given up): it leaves the queue. */
    void delivered(Entry e) {
        Entry head = pending.peek();
        if (head == null || head.seq() != e.seq()) {
            throw new IllegalStateException("only the head of the queue is delivered: " + e.seq());
        }
        write(json.createObjectNode().put("r", "D").put("seq", e.seq()));
        applyDelivered();
        compactWhenIdle();
    }

    /** The central system's transactionId of a local transaction (StartTransaction.conf). */
    void transactionIdGiven(long txKey, int transactionId) {
        write(json.createObjectNode().put("r", "I").put("tx", txKey).put("id", transactionId));
        ids.put(txKey, transactionId);
    }

    void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to save: every record was forced when written
            }
        }
    }

    // ---- the state the records make ----

    private void apply(Entry e) {
        pending.add(e);
        nextSeq = Math.max(nextSeq, e.seq() + 1);
        if (START.equals(e.action())) {
            open.put(e.txKey(), new Open(e.txKey(), e.payload().path("meterStart").asInt()));
        } else if (METER_VALUES.equals(e.action())) {
            e.payload().path("meterValue").forEach(mv -> registerIn(mv).ifPresent(wh -> raise(e.txKey(), wh)));
        } else if (STOP.equals(e.action())) {
            open.remove(e.txKey());
            // the StopTransaction carries them now
            data.remove(e.txKey());
        }
    }

    private void applyData(long txKey, ObjectNode meterValue) {
        registerIn(meterValue).ifPresent(wh -> raise(txKey, wh));
        List<ObjectNode> kept = data.computeIfAbsent(txKey, k -> new java.util.ArrayList<>());
        kept.add(meterValue);
        if (kept.size() > TRANSACTION_DATA_MAX) {
            // the oldest sample goes first; the transaction's begin stays, as the meter's start of it
            kept.remove(isBegin(kept.get(0)) ? 1 : 0);
        }
    }

    private void raise(long txKey, long wh) {
        open.computeIfPresent(txKey, (k, o) -> o.reported(wh));
    }

    /**
     * The register a MeterValue reports (OCPP 1.6 §7.31 SampledValue): its {@code Energy.Active.Import.Register}
     * sampled value (the default measurand) for all phases together (one of a phase is not the register), in Wh (the
     * default unit) or kWh; empty when it has none.
     */
    static java.util.OptionalLong registerIn(JsonNode meterValue) {
        long highest = -1;
        for (JsonNode v : meterValue.path("sampledValue")) {
            if (!"Energy.Active.Import.Register".equals(v.path("measurand").asText("Energy.Active.Import.Register"))
                    || v.hasNonNull("phase")) {
                continue;
            }
            double scale = switch (v.path("unit").asText("Wh")) {
                case "Wh" -> 1;
                case "kWh" -> 1000;
                default -> 0;
            };
            try {
                double value = Double.parseDouble(v.path("value").asText());
                if (scale > 0 && Double.isFinite(value)) {
                    highest = Math.max(highest, Math.round(value * scale));
                }
            } catch (NumberFormatException e) {
                // not a number: it reports no register
            }
        }
        return highest < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(highest);
    }

    private static boolean isBegin(ObjectNode meterValue) {
        return "Transaction.Begin".equals(meterValue.path("sampledValue").path(0).path("context").asText());
    }

    private void applyDelivered() {
        Entry done = pending.poll();
        if (done != null && STOP.equals(done.action())) {
            ids.remove(done.txKey());
        }
    }

    private void applyRecord(JsonNode r) {
        switch (r.path("r").asText()) {
            case "E" -> apply(new Entry(r.get("seq").asLong(), r.get("action").asText(), r.get("tx").asLong(),
                    (ObjectNode) r.get("p")));
            case "D" -> {
                if (!pending.isEmpty() && pending.peek().seq() == r.get("seq").asLong()) {
                    applyDelivered();
                }
            }
            case "I" -> ids.put(r.get("tx").asLong(), r.get("id").asInt());
            case "O" -> {
                // a file of before the highest was kept: its meterStart is all it knows
                int meterStart = r.get("meterStart").asInt();
                open.put(r.get("tx").asLong(), new Open(r.get("tx").asLong(), meterStart,
                        r.path("highestWh").asLong(meterStart)));
            }
            case "H" -> raise(r.get("tx").asLong(), r.get("wh").asLong());
            case "T" -> applyData(r.get("tx").asLong(), (ObjectNode) r.get("mv"));
            case "N" -> nextSeq = Math.max(nextSeq, r.get("seq").asLong());
            default -> throw new IllegalStateException("unknown record " + r);
        }
    }

    /** Reads every whole record; returns the length of the file up to the last one. */
    private long replay() throws IOException {
        if (file == null || !Files.exists(file)) {
            return 0;
        }
        byte[] all = Files.readAllBytes(file);
        int pos = 0;
        while (pos < all.length) {
            int nl = indexOf(all, (byte) '\n', pos);
            if (nl < 0) {
                break;
            }
            String line = new String(all, pos, nl - pos, StandardCharsets.UTF_8);
            JsonNode r = parse(line);
            if (r == null) {
                break;
            }
            applyRecord(r);
            pos = nl + 1;
        }
        return pos;
    }

    private JsonNode parse(String line) {
        int space = line.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String body = line.substring(space + 1);
        if (!line.substring(0, space).equals(crc(body))) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private void write(ObjectNode record) {
        if (file == null) {
            return;
        }
        try {
            channel.write(ByteBuffer.wrap(line(record)));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("OCPP transaction journal " + file + ": " + e.getMessage(), e);
        }
    }

    private byte[] line(ObjectNode record) {
        try {
            String body = json.writeValueAsString(record);
            return (crc(body) + " " + body + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }

    /** Rewrites the file with what is still needed once nothing is queued, so it does not grow forever. */
    private void compactWhenIdle() {
        if (file == null || !pending.isEmpty()) {
            return;
        }
        try {
            // grown by more than the bound since the last one: a transaction's kept readings alone do not make it
            if (channel.size() <= compactedBytes + COMPACT_ABOVE_BYTES) {
                return;
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(line(json.createObjectNode().put("r", "N").put("seq", nextSeq))));
                for (Open o : open.values()) {
                    out.write(ByteBuffer.wrap(line(json.createObjectNode().put("r", "O").put("tx", o.txKey())
                            .put("meterStart", o.meterStartWh()).put("highestWh", o.highestWh()))));
                }
                for (Map.Entry<Long, Integer> id : ids.entrySet()) {
                    out.write(ByteBuffer.wrap(line(json.createObjectNode().put("r", "I").put("tx", id.getKey())
                            .put("id", id.getValue()))));
                }
                for (Map.Entry<Long, List<ObjectNode>> d : data.entrySet()) {
                    for (ObjectNode mv : d.getValue()) {
                        ObjectNode r = json.createObjectNode().put("r", "T").put("tx", d.getKey());
                        r.set("mv", mv);
                        out.write(ByteBuffer.wrap(line(r)));
                    }
                }
                out.force(true);
            }
            channel.close();
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceFolder();
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
            channel.position(channel.size());
            compactedBytes = channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException("OCPP transaction journal " + file + ": compaction: " + e.getMessage(), e);
        }
    }

    /** The rename is durable only once the folder is (Linux: fsync of the directory). */
    private void forceFolder() {
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some file systems refuse to open a folder; the rename is then as durable as they make it
        }
    }

    private static String crc(String body) {
        CRC32 c = new CRC32();
        c.update(body.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(c.getValue());
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
