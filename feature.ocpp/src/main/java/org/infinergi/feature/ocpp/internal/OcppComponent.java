package org.infinergi.feature.ocpp.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.infinergi.core.charging.api.ChargerEvents;
import org.infinergi.core.charging.api.ChargerStatusService;
import org.infinergi.core.charging.api.Device;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCPP 1.6J charge point (manual §5.1.4), the one owner of PID {@value OcppConfig#PID}. With a URL it connects
 * on its own thread, "infinergi-ocpp", and keeps the connection (activation returns at once); without one it starts
 * no thread and loads neither Jetty's client nor the schemas, so a charger without a central system pays nothing.
 * The status the central system sees follows the core's {@code STATUS_CHANGED} events (docs/events.md): the status
 * service is read once, when the client starts; after that, the events tell everything.
 * A changed configuration restarts the component (no {@code @Modified}): a new URL or ID is a new connection.
 */
@Component(name = OcppConfig.PID, configurationPid = OcppConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = EventHandler.class, property = "event.topics=" + ChargerEvents.STATUS_CHANGED)
@Designate(ocd = OcppConfig.class)
public final class OcppComponent implements EventHandler {

    /** The label's manufacturer (manual §2.4), BootNotification's chargePointVendor. */
    static final String VENDOR = "SEMAR";

    private final Logger log = LoggerFactory.getLogger(OcppComponent.class);
    private final ScheduledExecutorService thread;
    private final ChargePoint chargePoint;
    private final Connection connection;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ChargerStatusService statusService;

    @Activate
    public OcppComponent(@Reference Device device, OcppConfig config, ComponentContext context) {
        String url = config.url() == null ? "" : config.url().trim();
        String id = chargePointId(config, device);
        if (url.isEmpty()) {
            log.debug("OCPP: no URL set, no central system");
            thread = null;
            chargePoint = null;
            connection = null;
            return;
        }
        if (id.isEmpty()) {
            throw new IllegalArgumentException("chargePointId: empty, and the label has no serial number to take");
        }
        Endpoint endpoint = Endpoint.of(url, id, config.securityProfile(), config.authorizationKey());
        thread = singleThread();
        chargePoint = new ChargePoint(new Frames(), OcppSchemas.load(),
                new BootInfo(VENDOR, device.model(), device.serial(),
                        context.getBundleContext().getBundle().getVersion().toString()),
                new ConfigurationKeys(ChargePoint.DEFAULT_HEARTBEAT_S), new ExecutorTimers(thread),
                Clock.systemUTC());
        connection = new Connection(endpoint, thread, chargePoint, Backoff.DEFAULT);
        thread.execute(this::readStatusOnce);
        connection.start();
        log.info("OCPP: charge point {} connecting to {}", id, endpoint.uri());
    }

    /** Manual §5.1.4: the Charge Point ID defaults to the serial number. */
    static String chargePointId(OcppConfig config, Device device) {
        String id = config.chargePointId() == null ? "" : config.chargePointId().trim();
        return id.isEmpty() ? device.serial() == null ? "" : device.serial().trim() : id;
    }

    @Override
    public void handleEvent(Event event) {
        if (thread == null) {
            return;
        }
        Map<String, Object> p = new HashMap<>();
        for (String name : event.getPropertyNames()) {
            p.put(name, event.getProperty(name));
        }
        thread.execute(() -> chargePoint.statusChanged(ConnectorStatus.Input.of(p)));
    }

    @Deactivate
    void deactivate() {
        if (thread == null) {
            return;
        }
        thread.execute(connection::stop);
        thread.shutdown();
        try {
            if (!thread.awaitTermination(3, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void readStatusOnce() {
        ChargerStatusService s = statusService;
        if (s != null) {
            chargePoint.statusChanged(ConnectorStatus.Input.of(s.status()));
        }
    }

    private static ScheduledExecutorService singleThread() {
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "infinergi-ocpp");
            t.setDaemon(true);
            return t;
        });
        // cancelled heartbeats and retries leave the queue at once
        ex.setRemoveOnCancelPolicy(true);
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return ex;
    }
}
