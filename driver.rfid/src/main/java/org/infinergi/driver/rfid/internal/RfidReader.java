package org.infinergi.driver.rfid.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.pi4j.context.Context;

import org.infinergi.core.charging.api.ConfigurationOwner;
import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.hal.CardListener;
import org.infinergi.core.config.CheckedConfiguration;
import org.infinergi.core.config.LastValidConfiguration;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RFID reader module (manual §2.5 "RFID reader", §5.7) on the board's UART, through pi4j's {@code Serial} of
 * the {@link Context} service (the board's platform, or the sim's simulated UART). Reads on its own thread
 * {@code infinergi-rfid-reader}, started by activation and stopped by deactivation; a missing device never blocks
 * activation, it is retried. Each presentation of a card goes to every {@link CardListener} (whiteboard); what a
 * card means is not this driver's business.
 *
 * <p>No {@code @Modified}: a changed configuration re-creates the component, which reopens the UART on it. A
 * configuration with an empty value or a value not of its key's type is rejected as a whole and listed in the status
 * (issue 15): the last valid one, kept in this bundle's data area ({@link LastValidConfiguration}), stays in force;
 * the factory UART only when none was ever applied.
 */
@Component(service = ConfigurationOwner.class, immediate = true, configurationPid = RfidConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RfidConfig.class)
public final class RfidReader implements ConfigurationOwner {

    private static final Logger LOG = LoggerFactory.getLogger(RfidReader.class);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    final List<CardListener> listeners = new CopyOnWriteArrayList<>();

    private final ReaderLoop loop;
    private final ScheduledExecutorService thread;
    private final List<ConfigurationRejection> rejections;

    @Activate
    public RfidReader(@Reference Context pi4j, Map<String, Object> properties, BundleContext bundleContext) {
        LastValidConfiguration<RfidConfig> lastValid = new LastValidConfiguration<>(RfidConfig.PID,
                RfidConfig.class, bundleContext::getDataFile);
        CheckedConfiguration<RfidConfig> checked = lastValid.check(properties, LOG::error);
        RfidConfig config = checked.config();
        rejections = checked.rejections();
        if (config.device() == null || config.device().isBlank()) {
            throw new IllegalArgumentException(RfidConfig.PID + " device must name the reader's serial device, was \""
                    + config.device() + "\"");
        }
        if (config.baud() <= 0) {
            throw new IllegalArgumentException(RfidConfig.PID + " baud must be positive, was " + config.baud());
        }
        if (config.pollMs() <= 0 || config.reopenMs() <= 0 || config.frameTimeoutMs() <= 0 || config.debounceMs() < 0) {
            throw new IllegalArgumentException(RfidConfig.PID + " pollMs, reopenMs, frameTimeoutMs must be positive and"
                    + " debounceMs not negative, were " + config.pollMs() + ", " + config.reopenMs() + ", "
                    + config.frameTimeoutMs() + ", " + config.debounceMs());
        }
        loop = new ReaderLoop(pi4j, config, Clock.systemUTC(), () -> listeners);
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "infinergi-rfid-reader");
            t.setDaemon(true);
            return t;
        });
        // The first open happens on the reader thread, after activation has returned.
        thread.scheduleWithFixedDelay(this::step, 0, config.pollMs(), TimeUnit.MILLISECONDS);
        // Only a configuration that passed the checks above is the one a later rejection falls back to.
        lastValid.keep(checked, LOG::error);
    }

    @Override
    public List<ConfigurationRejection> rejections() {
        return rejections;
    }

    private void step() {
        try {
            loop.poll();
        } catch (RuntimeException e) {
            // poll() handles device failures itself; this is a bug, but the reader must keep reading.
            LOG.error("RFID reader step failed", e);
        }
    }

    @Deactivate
    void deactivate() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop.release();
    }
}
