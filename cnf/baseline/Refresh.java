import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Stores the API bundles just built (their target/*.jar) as the baseline that bnd baselining compares every build
 * with: a file-based Maven repository under cnf/baseline/repository, each jar at version {@value #VERSION} with
 * Bundle-Version {@value #VERSION}. Run from the repository root after `mvn package` of the API modules; see
 * cnf/README.md for the one-line command.
 */
public class Refresh {

    static final String VERSION = "0.0.1";
    static final String GROUP = "org.infinergi";
    /** module folder → artifactId: the API-only bundles (CONVENTIONS.md §18). */
    static final List<String[]> API_BUNDLES = List.of(
            new String[] {"core.charging.api", "org.infinergi.core.charging.api"},
            new String[] {"feature.auth.api", "org.infinergi.feature.auth.api"},
            new String[] {"feature.green.api", "org.infinergi.feature.green.api"},
            new String[] {"driver.modbus-meters/api", "org.infinergi.driver.modbus-meters.api"},
            new String[] {"web.json", "org.infinergi.web.json"},
            new String[] {"core.config", "org.infinergi.core.config"},
            new String[] {"feature.update.api", "org.infinergi.feature.update.api"});

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Path repo = root.resolve("cnf/baseline/repository");
        for (String[] bundle : API_BUNDLES) {
            Path built;
            try (var jars = Files.list(root.resolve(bundle[0]).resolve("target"))) {
                built = jars.filter(p -> p.getFileName().toString().equals(bundle[1] + "-0.1.0-SNAPSHOT.jar"))
                        .findFirst().orElseThrow(() -> new IllegalStateException(
                                "no built jar in " + bundle[0] + "/target: run mvn package first"));
            }
            Path dir = repo.resolve(GROUP.replace('.', '/')).resolve(bundle[1]);
            Files.createDirectories(dir.resolve(VERSION));
            copyWithVersion(built, dir.resolve(VERSION).resolve(bundle[1] + "-" + VERSION + ".jar"));
            Files.writeString(dir.resolve(VERSION).resolve(bundle[1] + "-" + VERSION + ".pom"), pom(bundle[1]));
            Files.writeString(dir.resolve("maven-metadata.xml"), metadata(bundle[1]));
            for (Path f : List.of(dir.resolve(VERSION).resolve(bundle[1] + "-" + VERSION + ".jar"),
                    dir.resolve(VERSION).resolve(bundle[1] + "-" + VERSION + ".pom"), dir.resolve("maven-metadata.xml"))) {
                Files.writeString(Path.of(f + ".sha1"), sha1(f)); // Maven checks what it reads from a repository
            }
            System.out.println("baseline " + bundle[1] + " " + VERSION + " <- " + built);
        }
    }

    /** The same entries in the same order, but Bundle-Version = the baseline's release version. */
    private static void copyWithVersion(Path from, Path to) throws IOException {
        try (JarFile in = new JarFile(from.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), VERSION);
            try (OutputStream file = Files.newOutputStream(to); JarOutputStream out = new JarOutputStream(file)) {
                JarEntry manifestEntry = new JarEntry(JarFile.MANIFEST_NAME);
                manifestEntry.setTime(0);
                out.putNextEntry(manifestEntry);
                manifest.write(out);
                out.closeEntry();
                Enumeration<JarEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    if (e.getName().equals(JarFile.MANIFEST_NAME) || e.getName().equals("META-INF/")) {
                        continue;
                    }
                    JarEntry copy = new JarEntry(e.getName());
                    copy.setTime(0); // reproducible: a refresh without API change leaves the file unchanged
                    out.putNextEntry(copy);
                    try (InputStream body = in.getInputStream(e)) {
                        body.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
    }

    private static String sha1(Path file) throws IOException {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pom(String artifactId) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%s</groupId>
                  <artifactId>%s</artifactId>
                  <version>%s</version>
                  <description>Baseline of the API bundle for bnd baselining (cnf/README.md); not a release.</description>
                </project>
                """.formatted(GROUP, artifactId, VERSION);
    }

    private static String metadata(String artifactId) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <metadata>
                  <groupId>%s</groupId>
                  <artifactId>%s</artifactId>
                  <versioning>
                    <latest>%s</latest>
                    <release>%s</release>
                    <versions>
                      <version>%s</version>
                    </versions>
                  </versioning>
                </metadata>
                """.formatted(GROUP, artifactId, VERSION, VERSION, VERSION);
    }
}
