package org.infinergi.core.charging.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.infinergi.core.charging.api.ConfigurationRejection;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The one owner of PID {@code org.infinergi.metering} (manual §5.2): the core asks it which meters must answer.
 * {@code vehicleMeter=MID} needs the RS485 terminal block of the -DR models (manual §2.6, §5.2.1.2, the device
 * label's {@code midMeterTerminal}): elsewhere it is rejected like any invalid value, so the installer reads why
 * in {@code configurationError} instead of meeting D9 a minute later. The label is read again at every question:
 * should it lose the terminal while MID is in force, the integrated meter applies (manual §5.2.1.1) and the
 * rejection is shown until the label or the metering configuration is put right.
 */
@Component(name = "org.infinergi.core.charging.metering", configurationPid = Pids.METERING,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = MeteringSettingsSource.class)
@Designate(ocd = MeteringConfig.class)
public final class MeteringConfigComponent implements MeteringSettingsSource {

    private final DeviceSource device;
    private final PidOwner<MeteringSettings> pid;

    @Activate
    public MeteringConfigComponent(@Reference DeviceSource device, Map<String, Object> config) {
        this.device = device;
        this.pid = new PidOwner<>(
                (props, previous) -> ConfigParser.metering(props, previous, device.settings().midMeterTerminal()),
                MeteringSettings.DEFAULTS, config) {
        };
    }

    @Modified
    void modified(Map<String, Object> config) {
        pid.update(config);
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
