package org.infinergi.itest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The models of manual §2.6 this build makes images of: the folders of karaf-assembly/models whose name does not
 * start with "_" (the layers _base and _sim are no model), exactly as karaf-assembly's build finds them. A model is
 * one folder (issue 14): no test names the models. Runs on the driver side.
 */
final class Models {

    private Models() {
    }

    static Path folder() {
        return Path.of(System.getProperty("infinergi.models", "../karaf-assembly/models"));
    }

    /** The model names, sorted; throws when there is none, so a test never passes over zero models. */
    static List<String> all() {
        try (Stream<Path> entries = Files.list(folder())) {
            List<String> models = entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("_"))
                    .sorted()
                    .toList();
            if (models.isEmpty()) {
                throw new IllegalStateException("no model folder in " + folder().toAbsolutePath());
            }
            return models;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
