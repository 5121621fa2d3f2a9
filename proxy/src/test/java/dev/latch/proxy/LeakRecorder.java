package dev.latch.proxy;

import io.netty.util.ResourceLeakDetector;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector (paranoid in this module's tests, see the pom), recording what it finds
 * instead of only logging it, so a test can fail on a leaked buffer.
 */
public final class LeakRecorder<T> extends ResourceLeakDetector<T> {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    public LeakRecorder(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    /** The form Netty's factory looks for first (and prints a stack trace when it is missing); maxActive is unused. */
    public LeakRecorder(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add(resourceType + " leaked:" + records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add(resourceType + " leaked");
    }

    /** Collects garbage so that unreleased buffers are found, then returns every leak seen so far. */
    public static List<String> leaks() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            // the detector reports on the next tracked allocation
            io.netty.buffer.PooledByteBufAllocator.DEFAULT.directBuffer(16).release();
            io.netty.buffer.UnpooledByteBufAllocator.DEFAULT.heapBuffer(16).release();
        }
        return List.copyOf(LEAKS);
    }

    /** Forgets the leaks seen so far (after a test that leaks on purpose). */
    static void forget() {
        LEAKS.clear();
    }

    /** True when this JVM runs with this recorder at the paranoid level. */
    public static boolean active() {
        return LeakRecorder.class.getName().equals(System.getProperty("io.netty.customResourceLeakDetector"))
                && ResourceLeakDetector.getLevel() == Level.PARANOID;
    }
}
