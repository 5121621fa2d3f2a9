package dev.latch.cli;

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
 * The shape of the whole house, read from the main sources of every module (this module's tests
 * run in {@code cli/}, beside the others): modules depend only down the line
 * {@code core ← crypto ← pki ← trust ← tls ← http ← server, proxy, client ← cli} ({@code bench} may use any; server,
 * proxy and client stand side by side and never use each other), and no two packages depend on each other, directly or around a loop. A dependency is any {@code dev.latch}
 * name a source uses: imports and qualified names, in javadoc too, since a link is a dependency a
 * reader follows.
 */
class HouseTest {
    private static final Path HOUSE = Path.of("..");
    /** The modules from the bottom up; each may use only those before it. */
    private static final List<String> LINE = List.of("core", "crypto", "pki", "trust", "tls", "http", "server", "proxy", "client", "cli");
    /** Modules on one level of the line: neither may use the other. */
    private static final Set<String> SIDE_BY_SIDE = Set.of("server", "proxy", "client");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
    private static final Pattern USE = Pattern.compile("\\b(dev\\.latch(?:\\.[a-z]\\w*)+)\\.[A-Z]");

    /** Package → the other packages its sources name, over the main sources of every module in the line. */
    static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String module : LINE) {
            dependencies(HOUSE.resolve(module).resolve("src/main/java"), graph);
        }
        return graph;
    }

    static void dependencies(Path root, Map<String, Set<String>> graph) throws IOException {
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
    }

    /** The module a package belongs to: {@code dev.latch.tls.sni} → {@code tls}. */
    static String module(String pkg) {
        String rest = pkg.substring("dev.latch.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
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
        Map<String, Set<String>> graph = dependencies();
        assertThat(graph).containsKeys("dev.latch.core", "dev.latch.tls.sni", "dev.latch.tls.handshake",
                "dev.latch.http.wire", "dev.latch.server.pipeline", "dev.latch.cli");
        for (String name : graph.keySet()) {
            assertThat(loopThrough(name, graph)).as("packages in a loop").isEmpty();
        }
    }

    @Test
    void noModuleUsesOneAboveIt() throws IOException {
        List<String> upward = new ArrayList<>();
        dependencies().forEach((pkg, uses) -> {
            for (String used : uses) {
                if (LINE.indexOf(module(used)) > LINE.indexOf(module(pkg))
                        || !module(used).equals(module(pkg)) && SIDE_BY_SIDE.contains(module(used))
                        && SIDE_BY_SIDE.contains(module(pkg))) {
                    upward.add(pkg + " -> " + used);
                }
            }
        });
        assertThat(upward).as("uses of a module above").isEmpty();
    }

    @Test
    void aUseUpwardIsSeen() {
        assertThat(LINE.indexOf(module("dev.latch.server.pipeline"))).isGreaterThan(LINE.indexOf(module("dev.latch.http.wire")));
        assertThat(module("dev.latch.core")).isEqualTo("core");
    }

    @Test
    void aLoopIsFound() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertThat(loopThrough("a", graph)).containsExactly("a", "b", "c", "a");
        assertThat(loopThrough("d", graph)).isEmpty();
    }
}
