package org.infinergi.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Set;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Issue 2 "Integration tests": the installed bundle set of each model equals its descriptor — no extra bundle,
 * none missing. One container per model of manual §2.6, each booted from its plain (factory) image; the models are
 * the folders of karaf-assembly/models ({@link EveryModelImage}, issue 14: a ninth folder is tested without a
 * line here). The sim flavour is checked the same way in {@link SimChargerTest}.
 */
@RunWith(EveryModelImage.class)
@ExamReactorStrategy(PerClass.class)
public class ModelBundleSetTest {

    @Inject
    private BundleContext context;

    @Inject
    private FeaturesService features;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Test
    public void installedBundlesEqualTheModelDescriptor() throws Exception {
        String image = context.getProperty(Images.IMAGE_PROPERTY);
        BundleSets.addRepositories(features, context.getProperty(Images.KARAF_VERSION_PROPERTY),
                context.getProperty(Images.VERSION_PROPERTY));

        List<String> roots = new ArrayList<>(BundleSets.BASE_FEATURES);
        roots.add("infinergi-model-" + image);
        Set<String> expected = BundleSets.expected(features, roots);
        Set<String> optional = BundleSets.optional(features, roots);
        Set<String> actual = BundleSets.actual(context, features, expected, optional);

        assertFalse("the model's feature names no bundle", expected.isEmpty());
        assertEquals(image + ": " + BundleSets.diff(expected, actual), expected, actual);
    }

    @Test
    public void imageCarriesTheLabelAndTheFactoryState() throws Exception {
        String image = context.getProperty(Images.IMAGE_PROPERTY);
        Dictionary<String, Object> device = properties("org.infinergi.device");
        assertEquals("INFINERGI-" + image, device.get("model"));
        assertEquals(image.startsWith("1") ? "1" : "3", String.valueOf(device.get("phases")));
        assertEquals(String.valueOf(image.contains("T")), String.valueOf(device.get("tethered")));
        // Plain images leave the factory: manual §4.10, nothing charges until the installer says so.
        assertEquals("false", String.valueOf(properties("org.infinergi.installation").get("installationComplete")));
    }

    private Dictionary<String, Object> properties(String pid) throws Exception {
        org.osgi.service.cm.Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
        if (found == null || found.length != 1) {
            throw new AssertionError("no configuration " + pid + " in the image");
        }
        return found[0].getProperties();
    }
}
