package org.infinergi.itest;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * Pax Exam options that boot one image of this reactor (karaf-assembly/target/infinergi-IMAGE.tar.gz) as it
 * ships, plus what Pax Exam itself needs. Runs on the driver side (the test JVM), never in the container.
 */
final class Images {

    /** Framework property telling the probe which image it runs in. */
    static final String IMAGE_PROPERTY = "infinergi.itest.image";
    /** Framework property with the reactor's version, to name our features repository. */
    static final String VERSION_PROPERTY = "infinergi.itest.version";
    /** Framework property with the Karaf version the images are built on. */
    static final String KARAF_VERSION_PROPERTY = "infinergi.itest.karafVersion";
    /** Framework property with the HTTP port the image serves on. */
    static final String HTTP_PORT_PROPERTY = "org.osgi.service.http.port";

    /** Above the level of every bundle of the images (30): see {@link #boot}. */
    private static final int FEATURES_START_LEVEL = 31;

    private Images() {
    }

    static Option[] boot(String image) {
        File images = new File(System.getProperty("infinergi.images", "../karaf-assembly/target"));
        File tarball = new File(images, "infinergi-" + image + ".tar.gz");
        if (!tarball.isFile()) {
            throw new IllegalStateException("No image " + tarball.getAbsolutePath() + ": build karaf-assembly first");
        }
        String karafVersion = System.getProperty("karaf.version", "4.4.10");
        // mvn: URLs inside the container (test libraries, features repositories) from this build's local repository,
        // not the user's default one, which may hold another branch's artifacts.
        String localRepository = System.getProperty("org.ops4j.pax.url.mvn.localRepository", "");
        Option mavenRepository = localRepository.isEmpty() ? composite()
                : editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                        localRepository);
        // -Dinfinergi.keepRuntime=true keeps target/exam/<uuid> (karaf.log, data/) to read after a failure.
        Option keepRuntime = Boolean.getBoolean("infinergi.keepRuntime") ? keepRuntimeFolder() : composite();
        return options(
                mavenRepository,
                keepRuntime,
                karafDistributionConfiguration()
                        .frameworkUrl(tarball.toURI().toString())
                        .name("infinergi " + image)
                        .karafVersion(karafVersion)
                        .unpackDirectory(new File("target/exam"))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.WARN),
                // Container boots in ~3-9 s; fail in a minute, not after Pax Exam's default 180 s.
                systemTimeout(60_000),
                // @Inject waits this long for a service (Pax Exam's default 10 s): on a loaded 2-core CI machine the
                // chain sim world → pi4j Context → drivers → charging core can take longer than that after boot.
                editConfigurationFilePut("etc/system.properties", "pax.exam.service.timeout", "60000"),
                // Pax Exam adds its own boot features (exam, test-dependencies), which the features service provisions
                // at boot while the start-level thread starts the image's bundles. With autoRefresh it also refreshes
                // bundles it sees rewired, so a bundle of the image could be refreshed while it starts: seen as
                // "missing requirement java.io" for the core, or Pax Exam's own rbc without its tracker package. The
                // images themselves boot no feature (featuresBoot is empty), so this only concerns the test harness.
                editConfigurationFilePut("etc/org.apache.karaf.features.cfg", "autoRefresh", "false"),
                // The same provisioning, once begun, resolves bundles from the features thread while the start-level
                // thread starts the image's bundles at level 30 (features core starts at 15): a container came up
                // with a bundle of the image resolved but never started (persistently started, a later start
                // succeeds), on a loaded CI machine in one boot out of five. Starting the features service after the
                // image's level puts Pax Exam's provisioning after the image's own start, as in a shipped image,
                // which provisions nothing at boot.
                editConfigurationFilePut("etc/startup.properties",
                        "mvn:org.apache.karaf.features/org.apache.karaf.features.core/" + karafVersion,
                        String.valueOf(FEATURES_START_LEVEL)),
                editConfigurationFilePut("etc/system.properties", IMAGE_PROPERTY, image),
                editConfigurationFilePut("etc/system.properties", VERSION_PROPERTY,
                        System.getProperty("infinergi.version", "0.1.0-SNAPSHOT")),
                editConfigurationFilePut("etc/system.properties", KARAF_VERSION_PROPERTY, karafVersion),
                editConfigurationFilePut("etc/system.properties", HTTP_PORT_PROPERTY, String.valueOf(freePort())),
                // bin/karaf passes these on JDK 9+; Pax Exam does not (toolchain.md "Pax Exam traps").
                vmOptions(
                        "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "--add-reads=java.xml=java.logging",
                        "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                        "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar",
                        "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar",
                        "--add-opens", "java.base/java.security=ALL-UNNAMED",
                        "--add-opens", "java.base/java.net=ALL-UNNAMED",
                        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                        "--add-opens", "java.base/java.util=ALL-UNNAMED",
                        "-classpath", "lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"),
                // Test-side libraries inside the container (they belong to Pax Exam's additions, not to the image).
                mavenBundle("org.awaitility", "awaitility", System.getProperty("awaitility.version", "4.3.0")),
                mavenBundle("org.hamcrest", "hamcrest", "2.1"));
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
