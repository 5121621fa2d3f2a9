package dev.latch.tls;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No two packages of this module depend on each other, directly or around a loop: each package's
 * sources are read for the {@code dev.latch.tls} names they use (imports and qualified names, in
 * javadoc too, since a link is a dependency a reader follows).
 */
class PackageCyclesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
    private static final Pattern USE = Pattern.compile("\\b(dev\\.latch\\.tls(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    /** Package → the other packages of this module its sources name. */
    static Map<String, Set<String>> dependencies(Path root) throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher declared = PACKAGE.matcher(source);
                assertThat(declared.find()).as(file + " declares its package").isTrue();
                Set<String> uses = graph.computeIfAbsent(declared.group(1), k -> new TreeSet<>());
                Matcher use = USE.matcher(source);
                while (use.find()) {
                    if (!use.group(1).equals(declared.group(1))) {
                        uses.add(use.group(1));
                    }
                }
            }
        }
        return graph;
    }

    /** Every package from which {@code start} can be reached again, as the loop found first; empty if none. */
    static List<String> loopThrough(String start, Map<String, Set<String>> graph) {
        List<String> path = new ArrayList<>(List.of(start));
        return walk(start, start, graph, path, new HashSet<>()) ? path : List.of();
    }

    private static boolean walk(String start, String at, Map<String, Set<String>> graph, List<String> path,
                                Set<String> visited) {
        for (String next : graph.getOrDefault(at, Set.of())) {
            path.add(next);
            if (next.equals(start) || (visited.add(next) && walk(start, next, graph, path, visited))) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    @Test
    void noPackageReachesItselfAgain() throws IOException {
        Map<String, Set<String>> graph = dependencies(SOURCES);
        assertThat(graph).containsKeys("dev.latch.tls.sni", "dev.latch.tls.handshake");
        for (String name : graph.keySet()) {
            assertThat(loopThrough(name, graph)).as("packages in a loop").isEmpty();
        }
    }

    @Test
    void aLoopIsFound() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertThat(loopThrough("a", graph)).containsExactly("a", "b", "c", "a");
        assertThat(loopThrough("d", graph)).isEmpty();
    }
}
