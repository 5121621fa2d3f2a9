package dev.latch.proxy;

import dev.latch.http.log.AccessLog;
import dev.latch.http.log.AccessRecord;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An access log that keeps its records for the test to read. */
public final class RecordingLog extends AccessLog {
    private final List<AccessRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void log(AccessRecord record) {
        records.add(record);
    }

    public List<AccessRecord> records() {
        return List.copyOf(records);
    }

    /** The first record that matches, waiting up to 5 s for it: a record is written just after its answer. */
    public AccessRecord await(java.util.function.Predicate<AccessRecord> wanted) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            for (AccessRecord record : records) {
                if (wanted.test(record)) {
                    return record;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no such access record in " + records);
    }

    @Override
    public void close() {
    }
}
