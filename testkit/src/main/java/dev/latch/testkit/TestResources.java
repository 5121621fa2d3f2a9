package dev.latch.testkit;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Test data kept in the repository, under a module's {@code src/test/resources}. */
public final class TestResources {
    private TestResources() {
    }

    /** The file of the test resource {@code name} ({@code limbo/limbo-subset.json}). */
    public static Path path(String name) {
        URL url = Thread.currentThread().getContextClassLoader().getResource(name);
        if (url == null) {
            throw new AssertionError("test resource " + name + " is not on the class path (src/test/resources/" + name + ")");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new AssertionError("test resource " + name + " is not a file: " + url, e);
        }
    }
}
