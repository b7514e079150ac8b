package org.infinergi.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

import com.fasterxml.jackson.databind.JsonNode;
import org.infinergi.core.charging.api.ChargerStatusService;

/**
 * Issue 2 "Integration tests": the installed bundle set of each model equals its descriptor — no extra bundle,
 * none missing. One container per model of manual §2.6, each booted from its plain (factory) image; the models are
 * the folders of karaf-assembly/models ({@link EveryModelImage}, issue 14: a ninth folder is tested without a
 * line here). The sim flavour is checked the same way in {@link SimChargerTest}.
 *
 * <p>Issue 14 point 6: a plain image runs on its board. On the PC that runs these tests the board's I/O is absent:
 * the charging core is active all the same and says so (D3 "board I/O not available: …"), and every component is
 * active or names why not.
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

    @Inject
    private ServiceComponentRuntime scr;

    /** Injected only once active: a plain image's core does not wait for the board's I/O. */
    @Inject
    private ChargerStatusService charger;

    /** What a PC lacks that the board has: a component that could not open its I/O names it with this. */
    private static final String NO_BOARD_IO = "board I/O not available: ";
    private static final Duration SETTLE = Duration.ofSeconds(30);

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
        // -DR models have the RFID reader (manual §2.6): the core waits for authentication until it is up (§5.7).
        assertEquals(image + " rfidReader", String.valueOf(image.endsWith("-DR")),
                String.valueOf(Boolean.parseBoolean(String.valueOf(device.get("rfidReader")))));
        // Plain images leave the factory: manual §4.10, nothing charges until the installer says so.
        assertEquals("false", String.valueOf(properties("org.infinergi.installation").get("installationComplete")));
    }

    @Test
    public void everyComponentIsActiveOrNamesTheBoardIoItLacks() {
        String image = context.getProperty(Images.IMAGE_PROPERTY);
        await("every component active or failed naming the board I/O it lacks").atMost(SETTLE)
                .untilAsserted(() -> assertEquals(image + ": components neither active nor lacking board I/O",
                        List.of(), unexplainedComponents()));
        assertTrue("the board platform registered its context", scr.getComponentDescriptionDTOs().stream()
                .filter(d -> d.bundle.symbolicName.equals("org.infinergi.platform"))
                .flatMap(d -> scr.getComponentConfigurationDTOs(d).stream())
                .anyMatch(c -> c.state == ComponentConfigurationDTO.ACTIVE));
    }

    /** Issue 14 point 4: one owner per PID in every plain image ({@link OnePidOneOwnerTest} for the sim images). */
    @Test
    public void everyPidHasOneReadingComponent() {
        PidReaders.awaitStarted(context);
        String image = context.getProperty(Images.IMAGE_PROPERTY);
        assertEquals(image + ": PIDs read by more than one component", List.of(), PidReaders.sharedPids(scr));
        assertEquals(image + ": components reading several PIDs", List.of(), PidReaders.multiPidComponents(scr));
    }

    @Test
    public void statusSaysTheBoardIoIsMissingInsteadOf503() {
        Http http = new Http(Integer.parseInt(context.getProperty(Images.HTTP_PORT_PROPERTY)));
        JsonNode[] status = new JsonNode[1];
        try {
            await("/api/status shows D3").atMost(SETTLE).ignoreExceptions()
                    .until(() -> "D3".equals((status[0] = http.get("/api/status")).path("error").asText()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no D3 on " + context.getProperty(Images.IMAGE_PROPERTY) + ": " + status[0], e);
        }
        JsonNode s = status[0];
        assertEquals(s.toString(), "ERROR", s.path("state").asText());
        assertEquals("the core's own status agrees", "D3", charger.status().error());
        assertTrue(s.toString(), s.path("detail").asText().startsWith("D3 Internal hardware error: " + NO_BOARD_IO));
        // The safe side: no current offered, the contactor open.
        assertEquals(s.toString(), 0.0, s.path("offeredCurrentA").asDouble(), 0.0);
        assertFalse(s.toString(), s.path("contactorClosed").asBoolean());
        double duty = s.path("dutyCyclePct").asDouble();
        assertTrue(s.toString(), duty == 0.0 || duty == 100.0);
    }

    /**
     * The org.infinergi components that are neither active (or satisfied, for delayed ones) nor failed naming the
     * board I/O a PC lacks; an unsatisfied reference is explained only when every component that could provide it
     * failed that way.
     */
    private List<String> unexplainedComponents() {
        List<ComponentConfigurationDTO> all = scr.getComponentDescriptionDTOs().stream()
                .filter(d -> d.bundle.symbolicName.startsWith("org.infinergi."))
                .flatMap(d -> scr.getComponentConfigurationDTOs(d).stream())
                .collect(Collectors.toList());
        return all.stream()
                .filter(c -> c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED)
                .filter(c -> !lacksBoardIo(c) && !waitsOnlyForBoardIo(c, all))
                .map(ModelBundleSetTest::describe)
                .collect(Collectors.toList());
    }

    private static boolean lacksBoardIo(ComponentConfigurationDTO c) {
        return c.state == ComponentConfigurationDTO.FAILED_ACTIVATION && c.failure != null
                && c.failure.contains(NO_BOARD_IO);
    }

    private static boolean waitsOnlyForBoardIo(ComponentConfigurationDTO c, List<ComponentConfigurationDTO> all) {
        if (c.state != ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
            return false;
        }
        for (UnsatisfiedReferenceDTO ref : c.unsatisfiedReferences) {
            String service = Arrays.stream(c.description.references).filter(r -> r.name.equals(ref.name))
                    .map(r -> r.interfaceName).findFirst().orElse("?");
            List<ComponentConfigurationDTO> providers = all.stream()
                    .filter(p -> Arrays.asList(p.description.serviceInterfaces).contains(service))
                    .collect(Collectors.toList());
            if (providers.isEmpty() || !providers.stream().allMatch(ModelBundleSetTest::lacksBoardIo)) {
                return false;
            }
        }
        return true;
    }

    private static String describe(ComponentConfigurationDTO c) {
        StringBuilder b = new StringBuilder(c.description.name).append(" state ").append(c.state);
        if (c.failure != null) {
            b.append(" failure ").append(c.failure.lines().findFirst().orElse(""));
        }
        for (UnsatisfiedReferenceDTO ref : c.unsatisfiedReferences) {
            b.append(" unsatisfied ").append(ref.name);
        }
        return b.toString();
    }

    private Dictionary<String, Object> properties(String pid) throws Exception {
        org.osgi.service.cm.Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
        if (found == null || found.length != 1) {
            throw new AssertionError("no configuration " + pid + " in the image");
        }
        return found[0].getProperties();
    }
}
