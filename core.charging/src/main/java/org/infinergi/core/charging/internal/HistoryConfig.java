package org.infinergi.core.charging.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the session history is kept. */
@ObjectClassDefinition(name = "Session history",
        description = "Durable store of finished charging sessions (embedded H2 database).")
@interface HistoryConfig {

    @AttributeDefinition(name = "Database file",
            description = "Path of the H2 database file, without the .mv.db suffix; images set "
                    + "${karaf.data}/infinergi/history. Relative paths are resolved against the working directory.")
    String databaseFile() default SessionStoreComponent.DEFAULT_DATABASE_FILE;
}
