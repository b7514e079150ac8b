package org.infinergi.core.charging.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.infinergi.core.charging.api.ConfigurationOwner;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.api.ErrorCode;
import org.infinergi.core.charging.api.ErrorHistory;
import org.infinergi.core.charging.api.ErrorRecord;
import org.infinergi.core.charging.api.SessionHistory;
import org.infinergi.core.charging.api.SessionRecord;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable session history (issue 2: "an embedded database, not a JSON file rewritten in place"). All database
 * work runs on the component's own thread: activate returns at once, the core's control loop never waits for a
 * write, and a query sees every write submitted before it.
 */
@Component(name = "org.infinergi.core.charging.history", configurationPid = Pids.HISTORY,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = { SessionHistory.class, ErrorHistory.class,
                SessionRecorder.class, ConfigurationOwner.class })
@Designate(ocd = HistoryConfig.class)
public final class SessionStoreComponent implements SessionHistory, ErrorHistory, SessionRecorder,
        ConfigurationOwner {

    static final String DEFAULT_DATABASE_FILE = "data/infinergi/history";
    private static final long QUERY_TIMEOUT_S = 10;

    private final Logger log = LoggerFactory.getLogger(SessionStoreComponent.class);
    private final ExecutorService executor;
    /** Only touched on the executor thread. */
    private H2SessionStore store;
    private volatile String databaseFile = DEFAULT_DATABASE_FILE;
    /** Listed in the status with every other rejected configuration (issue 15). */
    private volatile List<ConfigurationRejection> rejections = List.of();

    @Activate
    public SessionStoreComponent(Map<String, Object> config) {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "infinergi-session-store");
            t.setDaemon(true);
            return t;
        });
        apply(config);
    }

    @Modified
    void modified(Map<String, Object> config) {
        apply(config);
    }

    private void apply(Map<String, Object> config) {
        ConfigParser.Result<String> r = ConfigParser.databaseFile(config, databaseFile);
        if (!r.accepted()) {
            log.error("Configuration rejected: {}; keeping databaseFile={}", String.join("; ", r.errors()),
                    databaseFile);
        }
        databaseFile = r.value();
        rejections = r.rejections();
        String file = r.value();
        executor.execute(() -> open(file));
    }

    @Override
    public List<ConfigurationRejection> rejections() {
        return rejections;
    }

    /** Opens {@code file} unless it is the one already open (runs on the executor). */
    private void open(String file) {
        Path path = Path.of(file).toAbsolutePath().normalize();
        if (store != null && store.file().equals(path)) {
            return;
        }
        if (store != null) {
            store.close();
        }
        store = new H2SessionStore(path);
        try {
            store.open();
            log.info("Session history in {}", H2SessionStore.url(path));
        } catch (SQLException e) {
            // Retried on the next write or query.
            log.error("Cannot open the session history {}: {}", path, e.toString());
        }
    }

    @Deactivate
    void deactivate() {
        executor.execute(() -> {
            if (store != null) {
                store.close();
                store = null;
            }
        });
        executor.shutdown();
        try {
            if (!executor.awaitTermination(QUERY_TIMEOUT_S, TimeUnit.SECONDS)) {
                log.warn("Session history did not close within {} s", QUERY_TIMEOUT_S);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void record(SessionRecord session) {
        record(session, stored -> {
        });
    }

    @Override
    public void record(SessionRecord session, Consumer<SessionRecord> stored) {
        try {
            executor.execute(() -> {
                SessionRecord r;
                try {
                    long id = store().insert(session);
                    r = new SessionRecord(id, session.start(), session.end(), session.energyWh(),
                            session.peakPowerW(), session.mode(), session.endReason(), session.idTag(),
                            session.greenEnergyWh());
                    log.info("Session {} stored: {}", id, session);
                } catch (SQLException | RuntimeException e) {
                    log.error("Session could not be stored, lost: {} ({})", session, e.toString());
                    return;
                }
                stored.accept(r);
            });
        } catch (RejectedExecutionException e) {
            log.error("Session history closed; session lost: {}", session);
        }
    }

    @Override
    public void keepRunning(RunningSession running) {
        write("session in progress", () -> {
            store().keepRunning(running);
            return null;
        });
    }

    @Override
    public boolean suspend(RunningSession running) {
        try {
            executor.submit(() -> {
                store().keepRunning(running);
                return null;
            }).get(QUERY_TIMEOUT_S, TimeUnit.SECONDS);
            log.info("Session in progress kept for the next start: {}", running.session());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            log.error("Session in progress could not be kept: {}", e.toString());
            return false;
        }
    }

    @Override
    public CompletableFuture<RunningSession> leftRunning() {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return store().running();
                } catch (SQLException e) {
                    log.error("Session in progress of the previous start could not be read: {}", e.toString());
                    return null;
                }
            }, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public void closeOpenErrors(Instant at, String why) {
        write("errors left open closed", () -> {
            int n = store().closeOpenErrors(at, why);
            if (n > 0) {
                log.info("{} error episode(s) left open by the previous start closed: {}", n, why);
            }
            return n;
        });
    }

    @Override
    public void errorRaised(ErrorCode code, Instant at, String detail) {
        write("error " + code + " raised", () -> store().insertError(code, at, detail));
    }

    @Override
    public void errorCleared(ErrorCode code, Instant at) {
        write("error " + code + " cleared", () -> store().clearError(code, at));
    }

    /** Runs a write on the store's thread; the caller (the control loop) never waits. */
    private void write(String what, SqlWrite w) {
        try {
            executor.execute(() -> {
                try {
                    w.run();
                } catch (SQLException | RuntimeException e) {
                    log.error("History write failed, lost: {} ({})", what, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.error("History closed; lost: {}", what);
        }
    }

    private interface SqlWrite {
        Object run() throws SQLException;
    }

    /** Runs on the store's thread after every write submitted before it; returns once the history is empty. */
    @Override
    public void erase() {
        try {
            executor.submit(() -> {
                store().erase();
                return null;
            }).get(QUERY_TIMEOUT_S, TimeUnit.SECONDS);
            log.warn("Session and error history erased (factory reset)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("history erasure interrupted", e);
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            throw new IllegalStateException("history not erased: " + e, e);
        }
    }

    @Override
    public List<ErrorRecord> errors(int max) {
        try {
            return executor.submit(() -> store().errors(max)).get(QUERY_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            log.error("Error history query failed: {}", e.toString());
            return List.of();
        }
    }

    @Override
    public List<SessionRecord> sessions(int max) {
        try {
            return executor.submit(() -> store().sessions(max)).get(QUERY_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            log.error("Session history query failed: {}", e.toString());
            return List.of();
        }
    }

    private H2SessionStore store() {
        if (store == null) {
            open(databaseFile);
        }
        return store;
    }
}
