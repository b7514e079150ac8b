package org.infinergi.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * What every image ships, plain and sim, read from its tarball (no boot). Issue 15, "HTTP hardening": no image
 * installs code from a folder, so nothing but the signed update of feature.update (manual §5.9) brings a bundle in.
 */
public class ImageContentTest {

    @Test
    public void noImageWatchesAFolderForBundles() {
        for (String model : Models.all()) {
            for (String image : List.of(model, model + "-sim")) {
                List<String> entries = entries(image);
                String home = "infinergi-" + image + "/";
                assertFalse(image + ": Karaf's deploy/ watcher of file install",
                        entries.contains(home + "etc/org.apache.felix.fileinstall-deploy.cfg"));
                assertFalse(image + ": no deploy/ folder", entries.stream().anyMatch(e -> e.startsWith(home + "deploy/")));
                assertTrue(image + ": no other watcher configuration", entries.stream()
                        .noneMatch(e -> e.startsWith(home + "etc/org.apache.felix.fileinstall-")));

                // The one watcher left (etc/config.properties) takes configuration files from etc/, never a jar.
                Properties config = new Properties();
                try {
                    config.load(new java.io.StringReader(read(image, home + "etc/config.properties")));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                assertEquals(image, "${karaf.etc}", config.getProperty("felix.fileinstall.dir"));
                Pattern filter = Pattern.compile(config.getProperty("felix.fileinstall.filter"));
                assertTrue(image, filter.matcher("org.infinergi.charging.cfg").matches());
                assertFalse(image + ": a bundle in etc/ is not installed", filter.matcher("bundle.jar").matches());
            }
        }
    }

    /**
     * Karaf's features service is installed (Pax Exam provisions through it) but never started in a shipped image:
     * started, it builds a JAXB context at every boot (~900 classes, about 2 MB RSS) for an image that installs no
     * feature at run time (karaf-assembly/models/README.md, "What the images tune").
     */
    @Test
    public void noImageStartsTheFeaturesService() {
        for (String model : Models.all()) {
            for (String image : List.of(model, model + "-sim")) {
                String home = "infinergi-" + image + "/";
                int frameworkLevel = Integer.parseInt(properties(image, home + "etc/config.properties")
                        .getProperty("org.osgi.framework.startlevel.beginning").trim());
                String features = properties(image, home + "etc/startup.properties").entrySet().stream()
                        .filter(e -> e.getKey().toString().startsWith("mvn:org.apache.karaf.features/org.apache.karaf.features.core/"))
                        .map(e -> e.getValue().toString().trim())
                        .findFirst().orElseThrow(() -> new AssertionError(image + ": features core not installed"));
                assertTrue(image + ": features core at start level " + features + ", the framework starts up to "
                        + frameworkLevel, Integer.parseInt(features) > frameworkLevel);
            }
        }
    }

    private static Properties properties(String image, String entry) {
        Properties properties = new Properties();
        try {
            properties.load(new java.io.StringReader(read(image, entry)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static File tarball(String image) {
        File images = new File(System.getProperty("infinergi.images", "../karaf-assembly/target"));
        File tarball = new File(images, "infinergi-" + image + ".tar.gz");
        assertTrue("no image " + tarball, tarball.isFile());
        return tarball;
    }

    private static List<String> entries(String image) {
        return List.of(tar("tzf", tarball(image).getAbsolutePath()).split("\n"));
    }

    private static String read(String image, String entry) {
        return tar("xzOf", tarball(image).getAbsolutePath(), entry);
    }

    private static String tar(String... args) {
        List<String> command = new ArrayList<>(List.of("tar"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
