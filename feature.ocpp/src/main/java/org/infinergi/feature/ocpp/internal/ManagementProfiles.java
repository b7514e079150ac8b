package org.infinergi.feature.ocpp.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

import org.infinergi.feature.update.api.BundleUpdates;

/**
 * Remote Trigger, Reservation and Firmware Management (issue 17), wired onto one charge point and its transactions:
 * what {@link OcppComponent} makes when a URL is set, and closes with it.
 */
final class ManagementProfiles {

    final Reservations reservations;
    final FirmwareUpdates firmware;
    final Diagnostics diagnostics;
    final RemoteTrigger trigger;
    private final ThreadWorker worker;

    /**
     * @param clientThread the OCPP client's thread, where the transfers' outcomes are handled
     * @param data the bundle's data area (the firmware download, the diagnostics zip)
     * @param logs the log folder GetDiagnostics uploads (null: none)
     */
    ManagementProfiles(ChargePoint chargePoint, Transactions transactions, Frames frames, Timers timers, Clock clock,
            Executor clientThread, Path data, Path logs, Supplier<BundleUpdates> updates) {
        this(chargePoint, transactions, frames, timers, clock, clientThread, data, logs, updates, name -> null);
    }

    /** @param installedVersion the version of an installed bundle by its symbolic name, null when none */
    ManagementProfiles(ChargePoint chargePoint, Transactions transactions, Frames frames, Timers timers, Clock clock,
            Executor clientThread, Path data, Path logs, Supplier<BundleUpdates> updates,
            Function<String, String> installedVersion) {
        worker = new ThreadWorker(clientThread);
        reservations = new Reservations(chargePoint, frames, timers, clock, data);
        transactions.admission(reservations);
        firmware = new FirmwareUpdates(chargePoint, frames, timers, clock, worker, data.resolve("firmware"), updates,
                installedVersion);
        diagnostics = new Diagnostics(chargePoint, frames, timers, clock, worker, logs, data.resolve("diagnostics"));
        trigger = new RemoteTrigger(chargePoint, frames, transactions::meterValuesNow, firmware::triggeredStatus,
                diagnostics::triggeredStatus);
    }

    /** Karaf's log folder: {@code karaf.log}, else {@code karaf.data}/log; null outside Karaf. */
    static Path karafLogs() {
        String log = System.getProperty("karaf.log");
        if (log != null && !log.isBlank()) {
            return Path.of(log);
        }
        String data = System.getProperty("karaf.data");
        return data == null || data.isBlank() ? null : Path.of(data, "log");
    }

    void close() {
        reservations.close();
        firmware.close();
        diagnostics.close();
        worker.close();
    }
}
