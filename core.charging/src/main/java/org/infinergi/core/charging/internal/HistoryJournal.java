package org.infinergi.core.charging.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The history's write-ahead journal: every write is appended here and forced to the medium before the database is
 * touched, so a write the firmware has reported survives a {@code kill -9} or a power loss whatever state the
 * database file is found in at the next start. H2's MVStore does not promise that: after an unclean stop it may
 * reopen at an earlier version than the last commit it had written and synced (seen under {@code kill -9}: every
 * session stored by one run of the firmware gone at the next start). The journal is replayed at the next open and
 * emptied once the database has been closed cleanly with it.
 * <p>
 * One entry a line: tab-separated fields, then the line's CRC-32. A line cut by the stop (no newline, wrong CRC) and
 * everything after it are dropped when the journal is opened: such a write had not been reported yet.
 */
final class HistoryJournal implements AutoCloseable {

    private final Path file;
    private FileChannel channel;

    /** @param file the journal file; created on the first {@link #open()} */
    HistoryJournal(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /**
     * Opens the journal and returns its entries, oldest first; a cut tail is removed so that the next append starts
     * on a line of its own.
     */
    synchronized List<List<String>> open() throws IOException {
        close();
        boolean created = !Files.exists(file);
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (created) {
            syncFolder(); // a power loss must not lose the file's name
        }
        byte[] all = Files.readAllBytes(file);
        List<List<String>> entries = new ArrayList<>();
        int valid = 0;
        for (int from = 0; from < all.length;) {
            int nl = indexOf(all, (byte) '\n', from);
            if (nl < 0) {
                break;
            }
            List<String> entry = decode(new String(all, from, nl - from, StandardCharsets.UTF_8));
            if (entry == null) {
                break;
            }
            entries.add(entry);
            from = nl + 1;
            valid = from;
        }
        if (valid < all.length) {
            channel.truncate(valid);
            channel.force(true);
        }
        channel.position(valid);
        return entries;
    }

    /** Appends one entry and forces it to the medium: durable when this returns. */
    synchronized void append(List<String> fields) throws IOException {
        if (channel == null) {
            throw new IOException("journal " + file + " is not open");
        }
        ByteBuffer line = ByteBuffer.wrap(encode(fields).getBytes(StandardCharsets.UTF_8));
        while (line.hasRemaining()) {
            channel.write(line);
        }
        channel.force(false);
    }

    /** Empties the journal once the database holds every entry durably. */
    synchronized void clear() throws IOException {
        if (channel != null) {
            channel.truncate(0);
            channel.position(0);
            channel.force(true);
        }
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // every entry was forced when it was appended
            }
            channel = null;
        }
    }

    static String encode(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (String f : fields) {
            b.append(escape(f)).append('\t');
        }
        CRC32 crc = new CRC32();
        crc.update(b.toString().getBytes(StandardCharsets.UTF_8));
        return b.append(String.format("%08x", crc.getValue())).append('\n').toString();
    }

    /** The fields of one line without its newline, or null when the line is not one {@link #encode} wrote. */
    static List<String> decode(String line) {
        int tab = line.lastIndexOf('\t');
        if (tab < 0) {
            return null;
        }
        String body = line.substring(0, tab + 1);
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        if (!String.format("%08x", crc.getValue()).equals(line.substring(tab + 1))) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        int from = 0;
        for (int t; (t = body.indexOf('\t', from)) >= 0; from = t + 1) {
            fields.add(unescape(body.substring(from, t)));
        }
        return fields;
    }

    /** Null is {@code \0}; a backslash, tab, newline or carriage return is escaped so that a field is one token. */
    private static String escape(String s) {
        if (s == null) {
            return "\\0";
        }
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String s) {
        if (s.equals("\\0")) {
            return null;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private void syncFolder() {
        Path parent = file.getParent();
        if (parent == null) {
            return;
        }
        try (FileChannel dir = FileChannel.open(parent, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some file systems cannot open a folder: the entries themselves are still forced
        }
    }
}
