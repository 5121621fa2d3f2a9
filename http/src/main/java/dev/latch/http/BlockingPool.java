package dev.latch.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of daemon threads for work that blocks — the file system: stat, realpath, open,
 * read — so that no event loop ever waits on a disk (a slow disk or NFS would stall every
 * connection on that loop). Threads are made as work comes and end after a minute without any;
 * when all are busy and the queue is full, {@link #execute} refuses with a
 * {@link java.util.concurrent.RejectedExecutionException}. The server that owns it closes it.
 */
public final class BlockingPool implements Executor, AutoCloseable {
    /** Threads and queue of {@link #forFiles()}: enough to overlap the waits of a slow disk. */
    private static final int FILE_THREADS = 16;
    private static final int FILE_QUEUE = 4096;

    private final ThreadPoolExecutor threads;

    /** @param name threads are called name-1, name-2, ... */
    public BlockingPool(String name, int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                task -> {
                    Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.threads.allowCoreThreadTimeOut(true);
    }

    /** The pool a server's static files are read with: threads named latch-files-N. */
    public static BlockingPool forFiles() {
        return new BlockingPool("latch-files", FILE_THREADS, FILE_QUEUE);
    }

    @Override
    public void execute(Runnable task) {
        threads.execute(task);
    }

    /** Takes no more work; work already queued still runs (each piece finds its connection gone). */
    @Override
    public void close() {
        threads.shutdown();
    }
}
