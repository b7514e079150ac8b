package org.infinergi.feature.web.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Which of the PIDs asked for the running bundles describe, and how (issue 18 "a section shows only what the model
 * has installed, by asking the runtime"): the Metatype of every active bundle, as the Metatype service reads it.
 */
final class MetatypeCatalog {

    private MetatypeCatalog() {
    }

    /** PID → its definition, for each of {@code pids} an active bundle designates. */
    static Map<String, ObjectClassDefinition> describe(MetaTypeService metatype, Bundle[] bundles,
            Collection<String> pids) {
        Set<String> wanted = Set.copyOf(pids);
        Map<String, ObjectClassDefinition> out = new HashMap<>();
        for (Bundle b : bundles) {
            if ((b.getState() & (Bundle.ACTIVE | Bundle.STARTING)) == 0) {
                continue; // a stopped bundle owns nothing now
            }
            MetaTypeInformation info = metatype.getMetaTypeInformation(b);
            if (info == null || info.getPids() == null) {
                continue;
            }
            for (String pid : info.getPids()) {
                if (wanted.contains(pid) && !out.containsKey(pid)) {
                    ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
                    if (ocd != null) {
                        out.put(pid, ocd);
                    }
                }
            }
        }
        return out;
    }
}
