import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Arrays;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * Fuzzes one Jazzer {@code @FuzzTest} for a bounded time (scripts/fuzz runs it, one JVM per
 * target, on the module's test class path, from the module's folder). Arguments: the test class,
 * the method, the budget in seconds, the per-input time limit in seconds, the memory limit in MiB.
 * Exits 0 when the target ran its budget without a finding; a crashing, hanging or memory-hungry
 * input fails it and Jazzer saves that input under src/test/resources/.../CLASSInputs/METHOD/.
 */
public final class FuzzTarget {
    public static void main(String[] args) throws ClassNotFoundException {
        if (args.length != 5) {
            System.err.println("usage: FuzzTarget CLASS METHOD SECONDS TIMEOUT_SECONDS RSS_LIMIT_MB");
            System.exit(2);
        }
        Class<?> testClass = Class.forName(args[0]);
        Method method = Arrays.stream(testClass.getDeclaredMethods())
                .filter(m -> m.getName().equals(args[1]))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(args[0] + " has no method " + args[1]));
        // Jazzer's JUnit integration fuzzes (instead of replaying the saved inputs) when this is set.
        System.setProperty("JAZZER_FUZZ", "1");
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(testClass, method))
                // libFuzzer's arguments: the first is its program name; later ones win over Jazzer's own
                .configurationParameter("jazzer.internal.arg.0", "fuzz")
                .configurationParameter("jazzer.internal.arg.1", "-max_total_time=" + args[2])
                .configurationParameter("jazzer.internal.arg.2", "-timeout=" + args[3])
                .configurationParameter("jazzer.internal.arg.3", "-rss_limit_mb=" + args[4])
                // coverage feedback from the parsers Latch relies on, not only from Latch's own classes
                .configurationParameter("jazzer.instrument",
                        "dev.latch.**,org.bouncycastle.**,io.netty.handler.codec.**,com.fasterxml.**,org.yaml.**")
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter err = new PrintWriter(System.err, true);
        summary.printFailuresTo(err, 40);
        boolean fuzzed = summary.getTestsFailedCount() == 0 && summary.getTestsSucceededCount() > 0
                && summary.getContainersFailedCount() == 0;
        if (!fuzzed && summary.getTestsFailedCount() == 0) {
            err.println("fuzz: " + args[0] + "#" + args[1] + " did not run (" + summary.getTestsSkippedCount()
                    + " skipped, " + summary.getTestsAbortedCount() + " aborted)");
        }
        System.exit(fuzzed ? 0 : 1);
    }
}
