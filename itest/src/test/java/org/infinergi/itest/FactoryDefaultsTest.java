package org.infinergi.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

/**
 * The factory defaults of the panel's factory reset (manual §6.2), in both images of every model folder
 * ({@link Models}) as built (karaf-assembly/target/images/IMAGE, the folders the tarballs are packed from; no
 * container): etc/factory holds a
 * byte-for-byte copy of each etc/org.infinergi.*.cfg of the image and nothing else. Booted, see
 * {@link FaultedSessionsTest#factoryDefaultsAreTheImagesOwnConfigurationFiles_notConfigurationsThemselves}.
 */
public class FactoryDefaultsTest {

    @Test
    public void everyImageShipsItsOwnConfigurationAsFactoryDefaults() throws IOException {
        Path images = Path.of(System.getProperty("infinergi.images", "../karaf-assembly/target"), "images");
        for (String model : Models.all()) {
            for (String image : List.of(model, model + "-sim")) {
                Path etc = images.resolve(image).resolve("etc");
                Path factory = etc.resolve("factory");
                List<String> shipped = names(etc, true);
                assertTrue(image + " ships the panel's PID: " + shipped, shipped.contains("org.infinergi.panel.cfg"));
                assertEquals(image + ": etc/factory", shipped, names(factory, false));
                for (String name : shipped) {
                    assertArrayEquals(image + " " + name, Files.readAllBytes(etc.resolve(name)),
                            Files.readAllBytes(factory.resolve(name)));
                }
            }
        }
    }

    /** Files of dir: only org.infinergi.*.cfg when {@code ours}, else every file. */
    private static List<String> names(Path dir, boolean ours) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            files.forEach(f -> {
                String n = f.getFileName().toString();
                if (!ours || (n.startsWith("org.infinergi.") && n.endsWith(".cfg"))) {
                    names.add(n);
                }
            });
        }
        names.sort(null);
        return names;
    }
}
