package org.infinergi.feature.ocpp.internal;

import java.util.function.Supplier;

import org.infinergi.core.charging.api.ChargerStatus;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * DataTransfer from the central system (OCPP 1.6 §5.6). A vendor this charger does not know: {@code UnknownVendorId}.
 * Our own vendor id is the label's manufacturer, {@value OcppComponent#VENDOR} (BootNotification's
 * chargePointVendor), with one message, {@value #STATUS}: the charger's state as the display shows it (manual
 * §6.1.1), its detail and the manual's §9.1 error code, as JSON text in {@code data} — what an operator reads on the
 * charger, beyond the few words of a StatusNotification. Another message id: {@code UnknownMessageId}.
 */
final class DataTransfer {

    /** The one message of our vendor id. */
    static final String STATUS = "Status";

    private final Frames frames;
    private final Supplier<ChargerStatus> status;

    DataTransfer(ChargePoint chargePoint, Frames frames, Supplier<ChargerStatus> status) {
        this.frames = frames;
        this.status = status;
        chargePoint.handle("DataTransfer", this::transfer);
    }

    private ObjectNode transfer(ObjectNode req) {
        if (!OcppComponent.VENDOR.equals(req.get("vendorId").asText())) {
            return frames.object().put("status", "UnknownVendorId");
        }
        if (!STATUS.equals(req.path("messageId").asText())) {
            return frames.object().put("status", "UnknownMessageId");
        }
        ChargerStatus s = status.get();
        if (s == null) {
            return frames.object().put("status", "Rejected");
        }
        ObjectNode data = frames.object().put("state", s.state().name()).put("detail", s.detail());
        if (s.error() != null) {
            data.put("error", s.error());
        }
        return frames.object().put("status", "Accepted").put("data", data.toString());
    }
}
