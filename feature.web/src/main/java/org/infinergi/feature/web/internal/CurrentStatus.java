package org.infinergi.feature.web.internal;

import org.infinergi.core.charging.api.ChargerStatusService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the charger is doing now as {@code GET /api/status} answers it (manual §6.1.1 home screen): written once here
 * for {@link StatusServlet} and for {@code GET /api/session?include=status} ({@link LoginServlet}), with which Home's
 * first view needs one answer instead of two in a row (issue 18 "Home fully loaded … in under 300 ms").
 */
@Component(service = CurrentStatus.class)
public final class CurrentStatus {

    // Optional so the API can say "core not running" (503) instead of vanishing with a 404.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ChargerStatusService statusService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SessionClock sessionClock;

    public CurrentStatus() {
    }

    CurrentStatus(ChargerStatusService statusService, SessionClock sessionClock) {
        this.statusService = statusService;
        this.sessionClock = sessionClock;
    }

    /** The status with the session's times; null while the charging core is not running. */
    ObjectNode json(ObjectMapper mapper) {
        ChargerStatusService service = statusService;
        if (service == null) {
            return null;
        }
        ObjectNode status = JsonViews.status(mapper, service.status());
        JsonViews.sessionTimes(status, sessionClock);
        return status;
    }
}
