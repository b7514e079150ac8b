package org.infinergi.feature.update.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The service technician's {@code update:bundle <file>}, {@code update:status} and {@code update:cancel}, as
 * Gogo-style command functions: the same checks and the same postponing as {@code /api/update}.
 */
@Component(service = UpdateCommand.class, property = { "osgi.command.scope=update",
        "osgi.command.function=bundle", "osgi.command.function=status", "osgi.command.function=cancel" })
public final class UpdateCommand {

    private final UpdateComponent updates;

    @Activate
    public UpdateCommand(@Reference UpdateComponent updates) {
        this.updates = updates;
    }

    /** Verifies a signed bundle JAR on the charger's file system and applies it (postponed while charging). */
    public String bundle(String file) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return format(updates.submit(in));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no file " + file);
        } catch (UpdateRejected e) {
            throw new IllegalArgumentException("update refused: " + e.getMessage());
        } catch (UpdateBusy e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    /** Where the last update stands. */
    public String status() {
        return format(updates.status());
    }

    /** Withdraws a postponed update. */
    public String cancel() {
        try {
            return format(updates.cancel());
        } catch (UpdateBusy e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    private String format(UpdateStatus s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-14s %s%n", "state:", s.state()));
        if (s.symbolicName() != null) {
            b.append(String.format("%-14s %s %s → %s%n", "bundle:", s.symbolicName(), s.fromVersion(), s.toVersion()));
            b.append(String.format("%-14s %s%n", "signer:", s.signer()));
            if (s.path() != null) {
                b.append(String.format("%-14s %s%n", "when:", s.path()));
            }
        }
        b.append(String.format("%-14s %s%n", "message:", s.message()));
        b.append(String.format("%-14s %s%n", "since:", s.since()));
        String problem = updates.trustProblem();
        if (problem != null) {
            b.append(String.format("%-14s %s%n", "trust:", problem));
        }
        return b.toString();
    }
}
