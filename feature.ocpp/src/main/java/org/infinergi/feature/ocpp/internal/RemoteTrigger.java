package org.infinergi.feature.ocpp.internal;

import java.util.function.IntFunction;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OCPP 1.6 §5.17 TriggerMessage: the central system asks for one of our messages now. Accepted and the message
 * sent after the answer (the charge point sends nothing while it answers), or Rejected for a connector this charger
 * does not have (it has connector 1; 0 is the charge point). BootNotification, Heartbeat, MeterValues (the meter
 * now, context Trigger), StatusNotification (the connector named, or 0 and 1), FirmwareStatusNotification and
 * DiagnosticsStatusNotification (Idle when nothing is under way); a message this charger cannot send is
 * NotImplemented.
 */
final class RemoteTrigger {

    private final Logger log = LoggerFactory.getLogger(RemoteTrigger.class);
    private final ChargePoint chargePoint;
    private final Frames frames;
    private final IntFunction<ObjectNode> meterValues;
    private final Supplier<String> firmwareStatus;
    private final Supplier<String> diagnosticsStatus;

    /**
     * @param meterValues the MeterValues payload of a connector now; null when there are no meter values to give
     * @param firmwareStatus FirmwareStatusNotification's status now; null without Firmware Management
     * @param diagnosticsStatus DiagnosticsStatusNotification's status now; null without Firmware Management
     */
    RemoteTrigger(ChargePoint chargePoint, Frames frames, IntFunction<ObjectNode> meterValues,
            Supplier<String> firmwareStatus, Supplier<String> diagnosticsStatus) {
        this.chargePoint = chargePoint;
        this.frames = frames;
        this.meterValues = meterValues;
        this.firmwareStatus = firmwareStatus;
        this.diagnosticsStatus = diagnosticsStatus;
        chargePoint.handle("TriggerMessage", this::trigger);
    }

    private ObjectNode trigger(ObjectNode req) {
        String message = req.get("requestedMessage").asText();
        Integer connectorId = req.has("connectorId") ? req.get("connectorId").asInt() : null;
        String answer = answer(message, connectorId);
        log.info("OCPP: TriggerMessage {} (connector {}): {}", message, connectorId, answer);
        return frames.object().put("status", answer);
    }

    private String answer(String message, Integer connectorId) {
        if (connectorId != null && (connectorId < 0 || connectorId > Transactions.CONNECTOR)) {
            return "Rejected";
        }
        switch (message) {
            case "BootNotification" -> chargePoint.triggerBootNotification();
            case "Heartbeat" -> chargePoint.triggerHeartbeat();
            case "StatusNotification" -> chargePoint.triggerStatus(connectorId);
            case "MeterValues" -> {
                if (meterValues == null) {
                    return "NotImplemented";
                }
                // connector 0 is the charge point's main meter: here the same meter as connector 1's
                int c = connectorId == null ? Transactions.CONNECTOR : connectorId;
                chargePoint.notify("MeterValues", meterValues.apply(c));
            }
            case "FirmwareStatusNotification" -> {
                if (firmwareStatus == null) {
                    return "NotImplemented";
                }
                chargePoint.notify(message, frames.object().put("status", firmwareStatus.get()));
            }
            case "DiagnosticsStatusNotification" -> {
                if (diagnosticsStatus == null) {
                    return "NotImplemented";
                }
                chargePoint.notify(message, frames.object().put("status", diagnosticsStatus.get()));
            }
            default -> {
                return "NotImplemented";
            }
        }
        return "Accepted";
    }
}
