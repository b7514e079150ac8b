package org.infinergi.feature.ocpp.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration keys the central system changed, kept across restarts (OCPP 1.6 §9: a changed key stays changed
 * after a reboot) in a small file of the bundle's data area: a first line {@code #crc32 <hex>} over the rest, then
 * {@code key=value} lines (Java properties). Written as a whole: a temporary file, {@code fsync}, an atomic rename,
 * {@code fsync} of the folder — so the file is the old one or the new one, never half of each. A file that is
 * unreadable or fails its checksum is logged and the defaults are in force: it never keeps the client from starting.
 */
class KeyFile {

    private static final Logger LOG = LoggerFactory.getLogger(KeyFile.class);
    private static final String CRC = "#crc32 ";

    private final Path file;

    KeyFile(Path file) {
        this.file = file;
    }

    /** No file: nothing kept (tests of the protocol, a framework without a data area). */
    static KeyFile none() {
        return new KeyFile(null) {
            @Override
            Map<String, String> read() {
                return Map.of();
            }

            @Override
            void write(Map<String, String> values) {
            }
        };
    }

    /** The kept values; empty when there is no file, or a broken one (logged). */
    Map<String, String> read() {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            String all = Files.readString(file, StandardCharsets.UTF_8);
            int nl = all.indexOf('\n');
            String body = nl < 0 ? "" : all.substring(nl + 1);
            if (nl < 0 || !all.substring(0, nl).equals(CRC + crc(body))) {
                LOG.warn("OCPP: the kept configuration keys {} fail their checksum; the defaults are in force", file);
                return Map.of();
            }
            Properties p = new Properties();
            p.load(new StringReader(body));
            return p.stringPropertyNames().stream().collect(Collectors.toMap(k -> k, p::getProperty));
        } catch (IOException | RuntimeException e) {
            LOG.warn("OCPP: the kept configuration keys {} cannot be read ({}); the defaults are in force", file,
                    e.toString());
            return Map.of();
        }
    }

    /** Replaces the file with {@code values}; a failure is logged (the values stay in force until the restart). */
    void write(Map<String, String> values) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            String body = body(values);
            byte[] bytes = (CRC + crc(body) + "\n" + body).getBytes(StandardCharsets.UTF_8);
            new DurableFile(file).write(bytes);
        } catch (IOException | UncheckedIOException e) {
            LOG.error("OCPP: the changed configuration keys cannot be kept in {} ({}); they are in force until the "
                    + "next restart", file, e.toString());
        }
    }

    /** {@code key=value} lines in key order, without the date comment {@link Properties#store} writes. */
    private static String body(Map<String, String> values) throws IOException {
        Properties p = new Properties();
        p.putAll(values);
        StringWriter w = new StringWriter();
        p.store(w, null);
        return w.toString().lines().filter(l -> !l.startsWith("#")).sorted()
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static String crc(String body) {
        CRC32 c = new CRC32();
        c.update(body.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(c.getValue());
    }
}
