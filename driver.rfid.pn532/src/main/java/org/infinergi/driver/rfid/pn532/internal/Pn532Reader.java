package org.infinergi.driver.rfid.pn532.internal;

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
import org.infinergi.core.charging.hal.CardReader;
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
 * The RFID reader of manual §2.3.1 (ISO/IEC 14443) and §5.7: an NXP PN532 on the board's UART through pi4j's
 * {@code Serial} of the {@link Context} service (the board's platform, or the sim's simulated UART, where a
 * simulated PN532 answers the same frames). Polls for a card on its own thread {@code infinergi-rfid-reader},
 * started by activation and stopped by deactivation; each presentation goes to every {@link CardListener}. As a
 * {@link CardReader} it tells the core whether the reader answers (manual §9.1 D3).
 *
 * <p>No {@code @Modified}: a changed configuration re-creates the component, which reopens the UART on it. A
 * configuration with an empty value or a value not of its key's type is rejected as a whole and listed in the status
 * (issue 15): the last valid one, kept in this bundle's data area ({@link LastValidConfiguration}), stays in force;
 * the factory UART only when none was ever applied.
 */
@Component(service = {CardReader.class, ConfigurationOwner.class}, immediate = true, configurationPid = Pn532Config.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = Pn532Config.class)
public final class Pn532Reader implements CardReader, ConfigurationOwner {

    private static final Logger LOG = LoggerFactory.getLogger(Pn532Reader.class);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    final List<CardListener> listeners = new CopyOnWriteArrayList<>();

    private final String device;
    private final ReaderLoop loop;
    private final ScheduledExecutorService thread;
    private final List<ConfigurationRejection> rejections;

    @Activate
    public Pn532Reader(@Reference Context pi4j, Map<String, Object> properties, BundleContext bundleContext) {
        LastValidConfiguration<Pn532Config> lastValid = new LastValidConfiguration<>(Pn532Config.PID,
                Pn532Config.class, bundleContext::getDataFile);
        CheckedConfiguration<Pn532Config> checked = lastValid.check(properties, LOG::error);
        Pn532Config config = checked.config();
        rejections = checked.rejections();
        validate(config);
        device = config.device();
        loop = new ReaderLoop(pi4j, config, Clock.systemUTC(), Pn532Reader::pause, () -> listeners);
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "infinergi-rfid-reader");
            t.setDaemon(true);
            return t;
        });
        // The first open happens on the reader thread, after activation has returned.
        thread.scheduleWithFixedDelay(this::step, 0, config.pollMs(), TimeUnit.MILLISECONDS);
        // Only a configuration that passed validate() is the one a later rejection falls back to.
        lastValid.keep(checked, LOG::error);
    }

    static void validate(Pn532Config c) {
        if (c.device() == null || c.device().isBlank()) {
            throw new IllegalArgumentException(Pn532Config.PID + " device must name the reader's serial device, was \""
                    + c.device() + "\"");
        }
        if (c.baud() <= 0) {
            throw new IllegalArgumentException(Pn532Config.PID + " baud must be positive, was " + c.baud());
        }
        if (c.pollMs() <= 0 || c.answerTimeoutMs() <= 0 || c.noAnswerMs() <= 0 || c.reopenMs() <= 0
                || c.removalPolls() <= 0) {
            throw new IllegalArgumentException(Pn532Config.PID + " pollMs, answerTimeoutMs, noAnswerMs, reopenMs and"
                    + " removalPolls must be positive, were " + c.pollMs() + ", " + c.answerTimeoutMs() + ", "
                    + c.noAnswerMs() + ", " + c.reopenMs() + ", " + c.removalPolls());
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("RFID reader stopped", e);
        }
    }

    @Override
    public List<ConfigurationRejection> rejections() {
        return rejections;
    }

    private void step() {
        try {
            loop.poll();
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // deactivation
            }
            // poll() handles device failures itself; this is a bug, but the reader must keep reading.
            LOG.error("RFID reader step failed", e);
        }
    }

    @Override
    public boolean responding() {
        return loop.responding();
    }

    @Override
    public String description() {
        String fw = loop.firmware();
        return (fw == null ? "PN532" : fw) + " on " + device;
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
