package org.infinergi.itest;

import static org.junit.Assert.assertEquals;

import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * Issue 14 point 4 in the sim images: the simulated world, the panel board and the meters read no PID of the
 * firmware (the pilot driver's board map, the label, the panel's pins come from their owners' services), so every
 * PID has one reader in every sim image too, and no placeholder etc file is needed for Felix SCR. One container per
 * model folder, each booted from its sim flavour ({@link EveryModelImage.Flavour}); the plain images are checked by
 * {@link ModelBundleSetTest}.
 */
@RunWith(EveryModelImage.class)
@EveryModelImage.Flavour("sim")
@ExamReactorStrategy(PerClass.class)
public class OnePidOneOwnerTest {

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Test
    public void everyPidHasOneReadingComponent() {
        PidReaders.awaitStarted(context);
        String image = context.getProperty(Images.IMAGE_PROPERTY);
        assertEquals(image + ": PIDs read by more than one component", List.of(), PidReaders.sharedPids(scr));
        assertEquals(image + ": components reading several PIDs", List.of(), PidReaders.multiPidComponents(scr));
    }
}
