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

    @Override
    public void close() {
    }
}
