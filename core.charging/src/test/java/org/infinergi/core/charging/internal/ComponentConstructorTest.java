package org.infinergi.core.charging.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.infinergi.core.charging.testing.ComponentConstructors;
import org.junit.jupiter.api.Test;

/** Felix SCR picks the activation constructor by arity: one public constructor of it per component. */
class ComponentConstructorTest {

    @Test
    void everyComponentHasOnePublicConstructorOfItsActivationArity() throws Exception {
        int checked = ComponentConstructors.checkOnePerActivationArity(Path.of("target/classes/OSGI-INF"));
        assertTrue(checked >= 10, "the components were checked: " + checked);
    }
}
