package org.infinergi.feature.ocpp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A small file replaced whole and safely: written to a temporary file, forced to the medium, renamed over the old
 * one atomically, then the folder forced; a power loss leaves the old content or the new, never a torn one.
 */
final class DurableFile {

    private final Path file;

    DurableFile(Path file) {
        this.file = file;
    }

    /** The content, or null when there is no file yet. */
    byte[] read() throws IOException {
        return Files.exists(file) ? Files.readAllBytes(file) : null;
    }

    void write(byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                out.write(b);
            }
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some file systems refuse to open a folder; the rename is then as durable as they make it
        }
    }
}
