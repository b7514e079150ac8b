package org.infinergi.feature.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The web interface's own settings (issue 18): how long an unused login session of the pages lasts. */
@ObjectClassDefinition(name = "infinergi web interface",
        description = "Login sessions of the local web pages (manual §6.1.2, §6.1.2.1).")
public @interface WebConfig {

    String PID = "org.infinergi.web";
    long MIN_IDLE_S = 60;
    long MAX_IDLE_S = 86_400;

    @AttributeDefinition(name = "Session idle expiry (s)", min = "60", max = "86400",
            description = "A login session of the web pages that sends no request for this long ends; the next request "
                    + "answers 401 and the page asks for the password again (60..86400 s). Scripts with HTTP Basic "
                    + "have no session.")
    long sessionIdleExpiryS() default 900;
}
