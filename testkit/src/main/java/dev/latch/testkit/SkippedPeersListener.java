package dev.latch.testkit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Records every test that {@link Peers#require} skipped, one line a test
 * ({@code peer TAB test TAB reason}), in the file named by the system property
 * {@value #RECORD} (the parent pom points it at {@code target/skipped-peers.txt} of the reactor
 * root; {@code ./test} prints a summary of it when Maven is done). Without the property nothing is
 * recorded.
 *
 * <p>JUnit finds this listener through {@code META-INF/services}, in every module whose tests
 * have the testkit on their class path. It counts the tests itself because a peer missing in
 * {@code @BeforeAll} skips the whole class, and only the test plan knows how many tests that is.
 */
public final class SkippedPeersListener implements TestExecutionListener {
    /** The system property that names the record file. */
    public static final String RECORD = "latch.skipped.peers";

    private final Path record;
    private volatile TestPlan plan;

    /** The listener JUnit creates: it records in the file that {@value #RECORD} names, if set. */
    public SkippedPeersListener() {
        this(recordFile());
    }

    /** A listener that records in {@code record}, or nowhere if it is null. */
    SkippedPeersListener(Path record) {
        this.record = record;
    }

    private static Path recordFile() {
        String file = System.getProperty(RECORD);
        return file == null || file.isBlank() ? null : Path.of(file);
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (record == null || result.getStatus() != TestExecutionResult.Status.ABORTED
                || !(result.getThrowable().orElse(null) instanceof MissingPeer missing)) {
            return;
        }
        String lines = skippedTests(identifier).stream()
                .map(test -> missing.peer() + "\t" + name(test) + "\t" + missing.getMessage() + "\n")
                .collect(Collectors.joining());
        append(record, lines);
    }

    /** The test itself, or every test method under an aborted class. */
    private List<TestIdentifier> skippedTests(TestIdentifier identifier) {
        if (identifier.isTest() || plan == null) {
            return List.of(identifier);
        }
        // a parameterized test is a container whose invocations are not in the plan yet: it counts once
        return plan.getDescendants(identifier).stream()
                .filter(d -> d.getSource().orElse(null) instanceof MethodSource)
                .filter(d -> d.isTest() || plan.getChildren(d).isEmpty())
                .toList();
    }

    private static String name(TestIdentifier test) {
        TestSource source = test.getSource().orElse(null);
        if (source instanceof MethodSource method) {
            return simpleName(method.getClassName()) + "." + method.getMethodName();
        }
        if (source instanceof ClassSource type) {
            return simpleName(type.getClassName());
        }
        return test.getDisplayName();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static synchronized void append(Path file, String lines) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record skipped tests in " + file + ": " + e.getMessage(), e);
        }
    }
}
