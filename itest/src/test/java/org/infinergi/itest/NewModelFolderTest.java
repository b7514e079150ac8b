package org.infinergi.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * Issue 14 "A model is one folder": a ninth model folder in a scratch copy of karaf-assembly — a capability list,
 * an etc/ and a sim/etc/, nothing else touched — yields its two model features and its two images, built by the
 * same Maven build as the eight of manual §2.6. The scratch copy holds only the layers and the new folder, so the
 * build makes two images, not eighteen. No container: the images are checked as built.
 *
 * <p>Runs a nested, offline Maven build of the copy against this build's local repository: the firmware bundles
 * must be installed there, as for the Pax Exam tests (README: {@code mvn install}).
 */
public class NewModelFolderTest {

    private static final String MODEL = "9X";
    /** A capability list unlike every model of §2.6: RFID and authentication, but no RS485 and no CT device. */
    private static final List<String> CAPABILITIES = List.of("infinergi-pilot", "infinergi-panel", "infinergi-web",
            "infinergi-update", "infinergi-rfid", "infinergi-auth");
    private static final String LABEL = "model = INFINERGI-9X\nphases = 3\nratedCurrentA = 32\ntethered = true\n";
    private static final String SIM_LABEL = LABEL + "serial = 21/000-000009\n";

    @Test
    public void aNinthModelFolderYieldsItsFeaturesAndItsImages() throws Exception {
        Path scratch = scratchCopyWithANinthModel("images", String.join("\n", CAPABILITIES));
        int exit = build(scratch, "karaf-assembly");
        assertEquals(tail(scratch), 0, exit);

        Path target = scratch.resolve("karaf-assembly/target");
        assertTrue("plain image archive", Files.isRegularFile(target.resolve("infinergi-9X.tar.gz")));
        assertTrue("sim image archive", Files.isRegularFile(target.resolve("infinergi-9X-sim.tar.gz")));

        String features = Files.readString(scratch.resolve("karaf-assembly/features/target/feature/feature.xml"));
        String model = feature(features, "infinergi-model-9X");
        for (String capability : CAPABILITIES) {
            assertTrue("infinergi-model-9X installs " + capability + ": " + model,
                    model.contains("<feature>" + capability + "</feature>"));
        }
        assertFalse("and nothing else: " + model, model.contains("infinergi-ct-remote"));
        assertTrue("the sim flavour: the model over the simulated world",
                feature(features, "infinergi-model-9X-sim").contains("<feature>infinergi-model-9X</feature>"));

        Path plain = target.resolve("images/9X");
        Path sim = target.resolve("images/9X-sim");
        String startup = Files.readString(plain.resolve("etc/startup.properties"));
        assertTrue("the listed RFID capability is installed at build time", startup.contains("org.infinergi.driver.rfid"));
        assertFalse("no capability the list leaves out", startup.contains("org.infinergi.driver.modbus-meters"));
        assertFalse("the plain image has no simulated world", startup.contains("org.infinergi.sim/"));
        assertTrue("the sim image runs the simulated world",
                Files.readString(sim.resolve("etc/startup.properties")).contains("org.infinergi.sim/"));

        assertEquals(LABEL, Files.readString(plain.resolve("etc/org.infinergi.device.cfg")));
        assertEquals(SIM_LABEL, Files.readString(sim.resolve("etc/org.infinergi.device.cfg")));
        assertEquals("factory defaults of the new model", LABEL,
                Files.readString(plain.resolve("etc/factory/org.infinergi.device.cfg")));
        assertTrue("the layers _base and _sim are under the new model",
                Files.isRegularFile(plain.resolve("etc/org.infinergi.panel.cfg"))
                        && Files.isRegularFile(sim.resolve("etc/org.infinergi.meter.modbus-ct.cfg")));
        assertFalse("the capability list is no file of the image", Files.exists(plain.resolve("features")));
    }

    /** A model whose list names a capability that does not exist cannot resolve: the build fails, naming it. */
    @Test
    public void aModelThatDoesNotResolveFailsTheBuild() throws Exception {
        Path scratch = scratchCopyWithANinthModel("unresolved", "infinergi-pilot\ninfinergi-no-such-capability");
        assertEquals("exit code of the features build", 1, build(scratch, "karaf-assembly/features"));
        assertTrue(tail(scratch), log(scratch).contains("osgi.identity=infinergi-no-such-capability"));
    }

    /** A model folder without a capability list fails the build with the folder's name, not later at boot. */
    @Test
    public void aModelFolderWithoutACapabilityListFailsTheBuild() throws Exception {
        Path scratch = scratchCopyWithANinthModel("unlisted", null);
        assertEquals("exit code of the features build", 1, build(scratch, "karaf-assembly/features"));
        assertTrue(tail(scratch), log(scratch).contains("models/9X/features is missing"));
    }

    /** The text of feature {@code name} in a features repository, from its opening tag to its end tag. */
    private static String feature(String repository, String name) {
        int start = repository.indexOf("<feature name=\"" + name + "\"");
        assertTrue("feature " + name + " in the generated repository", start >= 0);
        return repository.substring(start, repository.indexOf("\n  </feature>", start));
    }

    /**
     * target/new-model-folder/NAME: the root pom, karaf-assembly without its target and without the eight models,
     * plus models/9X with {@code capabilities} as its list (none when null).
     */
    private static Path scratchCopyWithANinthModel(String name, String capabilities) throws IOException {
        Path root = Path.of(System.getProperty("infinergi.root", ".."));
        Path scratch = Path.of("target/new-model-folder", name).toAbsolutePath();
        delete(scratch);
        Files.createDirectories(scratch);
        Files.copy(root.resolve("pom.xml"), scratch.resolve("pom.xml"));
        Path assembly = root.resolve("karaf-assembly");
        copy(assembly, scratch.resolve("karaf-assembly"), rel -> !rel.startsWith("target")
                && !rel.startsWith("features/target")
                && (!rel.startsWith("models") || rel.getNameCount() < 2 || rel.getName(1).toString().startsWith("_")));

        Path model = scratch.resolve("karaf-assembly/models").resolve(MODEL);
        Files.createDirectories(model.resolve("etc"));
        Files.createDirectories(model.resolve("sim/etc"));
        if (capabilities != null) {
            Files.writeString(model.resolve("features"), "# a ninth model\n" + capabilities + "\n");
        }
        Files.writeString(model.resolve("etc/org.infinergi.device.cfg"), LABEL);
        Files.writeString(model.resolve("sim/etc/org.infinergi.device.cfg"), SIM_LABEL);
        return scratch;
    }

    /** Runs this Maven, offline, on the module of the scratch copy; its log goes to build.log in the copy. */
    private static int build(Path scratch, String module) throws Exception {
        String mvn = Path.of(System.getProperty("maven.home", "/usr/share/maven"), "bin", "mvn").toString();
        Path log = scratch.resolve("build.log");
        Process p = new ProcessBuilder(mvn, "-B", "-o", "-ntp",
                "-Dmaven.repo.local=" + System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                        System.getProperty("user.home") + "/.m2/repository"),
                "package")
                .directory(scratch.resolve(module).toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the build of the scratch copy did not end in 10 minutes:\n" + tail(scratch));
        }
        return p.exitValue();
    }

    private static String log(Path scratch) throws IOException {
        return Files.readString(scratch.resolve("build.log"), StandardCharsets.UTF_8);
    }

    /** The end of the scratch build's log. */
    private static String tail(Path scratch) throws IOException {
        List<String> lines = Files.readAllLines(scratch.resolve("build.log"), StandardCharsets.UTF_8);
        return "build.log of " + scratch + ":\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void copy(Path from, Path to, Predicate<Path> keep) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : (Iterable<Path>) all::iterator) {
                Path rel = from.relativize(source);
                if (!keep.test(rel) || (rel.getNameCount() > 0 && !keepParents(rel, keep))) {
                    continue;
                }
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest);
                }
            }
        }
    }

    private static boolean keepParents(Path rel, Predicate<Path> keep) {
        for (Path p = rel.getParent(); p != null; p = p.getParent()) {
            if (!keep.test(p)) {
                return false;
            }
        }
        return true;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
