package org.infinergi.feature.ocpp.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The installed charging profiles across restarts (OCPP 1.6 §3.13: a charge point keeps them), in one file of the
 * bundle's data area: {@code <crc32 hex> <json>} on one line, the requests as the central system sent them. Written
 * whole at every change as a temporary file forced to the medium, renamed over the old one atomically, the folder
 * forced: a power loss leaves the old set or the new one, never half of one. A file that does not pass its checksum
 * (not written by us) is set aside as {@code .corrupt} and the charger starts with no profile (logged at ERROR).
 */
class ProfileStore {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);
    private final ObjectMapper json = new ObjectMapper();
    private final Path file;

    /** {@code file} null: in memory only (a framework without a data area, the tests). */
    ProfileStore(Path file) {
        this.file = file;
    }

    static ProfileStore inMemory() {
        return new ProfileStore(null);
    }

    /** The profiles stored last; none when there is no file (or one that cannot be trusted). */
    List<ChargingProfile> load() {
        List<ChargingProfile> out = new ArrayList<>();
        if (file == null || !Files.exists(file)) {
            return out;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            int space = text.indexOf(' ');
            if (space < 0 || !Long.toHexString(crc(text.substring(space + 1))).equals(text.substring(0, space))) {
                throw new IOException("checksum does not match");
            }
            for (JsonNode e : json.readTree(text.substring(space + 1)).get("profiles")) {
                out.add(ChargingProfile.of(e.get("connectorId").asInt(), (ObjectNode) e.get("profile")));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            LOG.error("OCPP: the charging profiles in {} cannot be read ({}); set aside, starting with none", file,
                    e.toString());
            try {
                Files.move(file, file.resolveSibling(file.getFileName() + ".corrupt"),
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moved) {
                LOG.error("OCPP: {} cannot be set aside: {}", file, moved.toString());
            }
            return new ArrayList<>();
        }
    }

    /** Replaces the stored set with {@code profiles}, durably, before the central system hears Accepted. */
    void save(List<ChargingProfile> profiles) {
        if (file == null) {
            return;
        }
        ObjectNode root = json.createObjectNode();
        ArrayNode list = root.putArray("profiles");
        for (ChargingProfile p : profiles) {
            list.addObject().put("connectorId", p.connectorId()).set("profile", p.json());
        }
        String body = root.toString();
        byte[] line = (Long.toHexString(crc(body)) + " " + body + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            new DurableFile(file).write(line);
        } catch (IOException e) {
            throw new UncheckedIOException("OCPP charging profiles " + file + ": " + e.getMessage(), e);
        }
    }

    private static long crc(String s) {
        CRC32 c = new CRC32();
        c.update(s.getBytes(StandardCharsets.UTF_8));
        return c.getValue();
    }
}
