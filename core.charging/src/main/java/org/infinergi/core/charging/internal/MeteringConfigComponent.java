package org.infinergi.core.charging.internal;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ConfigurationRejection;
import org.infinergi.core.charging.hal.Meter;
import org.infinergi.core.charging.hal.SelectedMeter;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of PID {@code org.infinergi.metering} (manual §5.2): the core asks it which meters must answer.
 * {@code vehicleMeter=MID} needs the RS485 terminal block of the -DR models (manual §2.6, §5.2.1.2, the device
 * label's {@code midMeterTerminal}): elsewhere it is rejected like any invalid value, so the installer reads why
 * in {@code configurationError} instead of meeting D9 a minute later. The label is read again at every question:
 * should it lose the terminal while MID is in force, the integrated meter applies (manual §5.2.1.1) and the
 * rejection is shown until the label or the metering configuration is put right.
 *
 * <p>It also publishes the meters the configuration in force selects, one {@link SelectedMeter} service each
 * ({@link MeterSelection}, made through the factory component {@link SelectedMeterComponent}): the drivers of the
 * wired CTs and of the Modbus meters measure only while theirs is selected (idle CPU budget), without reading this PID.
 */
@Component(name = "org.infinergi.core.charging.metering", configurationPid = Pids.METERING,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = MeteringSettingsSource.class, immediate = true)
@Designate(ocd = MeteringConfig.class)
public final class MeteringConfigComponent implements MeteringSettingsSource {

    /** Registers the service of one selected meter; closing the answer unregisters it. */
    interface Publisher {
        AutoCloseable publish(MeterSelection selection);

        /** Publishes nothing (tests of the settings alone). */
        Publisher NONE = s -> () -> {
        };
    }

    private static final Logger LOG = LoggerFactory.getLogger(MeteringConfigComponent.class);

    private final DeviceSource device;
    private final PidOwner<MeteringSettings> pid;
    private final Publisher publisher;
    /** The selections published now, each with its registration. Guarded by {@code this}. */
    private final Map<MeterSelection, AutoCloseable> published = new LinkedHashMap<>();

    @Activate
    public MeteringConfigComponent(@Reference DeviceSource device,
            @Reference(target = "(" + ComponentConstants.COMPONENT_FACTORY + "=" + SelectedMeterComponent.FACTORY + ")")
            ComponentFactory<SelectedMeter> selections, Map<String, Object> config) {
        this(device, config, s -> publish(selections, s));
    }

    /** For tests: the settings alone, nothing published. */
    MeteringConfigComponent(DeviceSource device, Map<String, Object> config) {
        this(device, config, Publisher.NONE);
    }

    MeteringConfigComponent(DeviceSource device, Map<String, Object> config, Publisher publisher) {
        this.device = device;
        this.publisher = publisher;
        this.pid = new PidOwner<>(
                (props, previous) -> ConfigParser.metering(props, previous, device.settings().midMeterTerminal()),
                MeteringSettings.DEFAULTS, config) {
        };
        select();
    }

    @Modified
    void modified(Map<String, Object> config) {
        pid.update(config);
        select();
    }

    @Deactivate
    synchronized void deactivate() {
        published.values().forEach(MeteringConfigComponent::close);
        published.clear();
    }

    /**
     * The selections of the configuration in force published, the others withdrawn. From the validated settings as
     * configured, not as {@link #meteringSettings()} adjusts them: a MID meter the label no longer allows is still
     * polled, which costs CPU only, while a selection withdrawn by mistake would leave a used meter silent.
     */
    private synchronized void select() {
        List<MeterSelection> wanted = MeterSelection.of(pid.settings());
        published.entrySet().removeIf(e -> {
            if (wanted.contains(e.getKey())) {
                return false;
            }
            close(e.getValue());
            return true;
        });
        for (MeterSelection s : wanted) {
            if (!published.containsKey(s)) {
                published.put(s, publisher.publish(s));
            }
        }
        LOG.debug("Selected meters: {}", published.keySet());
    }

    private static AutoCloseable publish(ComponentFactory<SelectedMeter> selections, MeterSelection s) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Meter.ROLE, s.role());
        props.put(Meter.SOURCE, s.source());
        ComponentInstance<SelectedMeter> instance = selections.newInstance(props);
        return instance::dispose;
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("Withdrawing a meter selection failed: {}", e.toString());
        }
    }

    /** The selections published now (for tests). */
    synchronized List<MeterSelection> selected() {
        return List.copyOf(published.keySet());
    }

    @Override
    public MeteringSettings meteringSettings() {
        MeteringSettings s = pid.settings();
        return midWithoutTerminal(s) ? new MeteringSettings(MeteringSettings.VehicleMeter.INTERNAL, s.gridMeter())
                : s;
    }

    @Override
    public String rejection() {
        String rejected = pid.rejection();
        if (!midWithoutTerminal(pid.settings())) {
            return rejected;
        }
        String lost = Pids.METERING + ": vehicleMeter=MID rejected: " + ConfigParser.NO_MID_TERMINAL + " ("
                + Pids.DEVICE + " midMeterTerminal=false) — the integrated meter applies";
        return rejected == null ? lost : rejected + "; " + lost;
    }

    @Override
    public List<ConfigurationRejection> rejections() {
        List<ConfigurationRejection> out = new ArrayList<>(pid.rejections());
        if (midWithoutTerminal(pid.settings())) {
            out.add(new ConfigurationRejection(Pids.METERING, "vehicleMeter", "MID", ConfigParser.NO_MID_TERMINAL
                    + " (" + Pids.DEVICE + " midMeterTerminal=false) — the integrated meter applies"));
        }
        return out;
    }

    /** MID accepted earlier, but the device label no longer has the terminal for it. */
    private boolean midWithoutTerminal(MeteringSettings s) {
        return s.vehicleMeter() == MeteringSettings.VehicleMeter.MID && !device.settings().midMeterTerminal();
    }
}
