package dev.latch.server;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

/**
 * The machine's file system seen through a wrapper that notes the thread of every call that can
 * reach a disk — the provider's calls, {@link Path#toRealPath}, directory reads, and reads on the
 * channels it opens — and that can hold the calls on one file name until told to go on: a disk
 * that hangs. Paths of this file system are made by {@link #wrap}.
 */
final class WatchedFileSystem extends FileSystem {
    /** One call: which thread made it, what it was, on which path. */
    record Call(String thread, String what, String path) {
    }

    private final FileSystem real = FileSystems.getDefault();
    private final Provider provider = new Provider();
    final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private volatile String stalledName;
    private volatile CountDownLatch stalled = new CountDownLatch(0);
    private volatile CountDownLatch reachedStall = new CountDownLatch(1);

    Path wrap(Path path) {
        return path == null ? null : new Watched(path);
    }

    /** From now on, calls on a file called {@code name} wait until {@link #goOn()}. */
    void stall(String name) {
        stalled = new CountDownLatch(1);
        reachedStall = new CountDownLatch(1);
        stalledName = name;
    }

    /** Waits until a call has been held by {@link #stall}. */
    boolean awaitStalledCall(long seconds) throws InterruptedException {
        return reachedStall.await(seconds, TimeUnit.SECONDS);
    }

    void goOn() {
        stalledName = null;
        stalled.countDown();
    }

    private void touch(String what, Path path) {
        calls.add(new Call(Thread.currentThread().getName(), what, path.toString()));
        Path name = path.getFileName();
        if (name != null && name.toString().equals(stalledName)) {
            reachedStall.countDown();
            try {
                if (!stalled.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("stalled for 30 s: " + path);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Path unwrap(Path path) {
        return path instanceof Watched watched ? watched.inner : path;
    }

    @Override
    public FileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return real.isReadOnly();
    }

    @Override
    public String getSeparator() {
        return real.getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return StreamSupport.stream(real.getRootDirectories().spliterator(), false).map(this::wrap).toList();
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return real.getFileStores();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return real.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
        return wrap(real.getPath(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher matcher = real.getPathMatcher(syntaxAndPattern);
        return path -> matcher.matches(unwrap(path));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return real.getUserPrincipalLookupService();
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException();
    }

    private final class Watched implements Path {
        final Path inner;

        Watched(Path inner) {
            this.inner = inner;
        }

        @Override
        public FileSystem getFileSystem() {
            return WatchedFileSystem.this;
        }

        @Override
        public boolean isAbsolute() {
            return inner.isAbsolute();
        }

        @Override
        public Path getRoot() {
            return wrap(inner.getRoot());
        }

        @Override
        public Path getFileName() {
            return wrap(inner.getFileName());
        }

        @Override
        public Path getParent() {
            return wrap(inner.getParent());
        }

        @Override
        public int getNameCount() {
            return inner.getNameCount();
        }

        @Override
        public Path getName(int index) {
            return wrap(inner.getName(index));
        }

        @Override
        public Path subpath(int beginIndex, int endIndex) {
            return wrap(inner.subpath(beginIndex, endIndex));
        }

        @Override
        public boolean startsWith(Path other) {
            return inner.startsWith(unwrap(other));
        }

        @Override
        public boolean endsWith(Path other) {
            return inner.endsWith(unwrap(other));
        }

        @Override
        public Path normalize() {
            return wrap(inner.normalize());
        }

        @Override
        public Path resolve(Path other) {
            return wrap(inner.resolve(unwrap(other)));
        }

        @Override
        public Path relativize(Path other) {
            return wrap(inner.relativize(unwrap(other)));
        }

        @Override
        public URI toUri() {
            return inner.toUri();
        }

        @Override
        public Path toAbsolutePath() {
            return wrap(inner.toAbsolutePath());
        }

        @Override
        public Path toRealPath(LinkOption... options) throws IOException {
            touch("toRealPath", inner);
            return wrap(inner.toRealPath(options));
        }

        @Override
        public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int compareTo(Path other) {
            return inner.compareTo(unwrap(other));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Watched watched && inner.equals(watched.inner);
        }

        @Override
        public int hashCode() {
            return inner.hashCode();
        }

        @Override
        public String toString() {
            return inner.toString();
        }
    }

    private final class Provider extends FileSystemProvider {
        private final FileSystemProvider real = WatchedFileSystem.this.real.provider();

        @Override
        public String getScheme() {
            return "watched";
        }

        @Override
        public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileSystem getFileSystem(URI uri) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Path getPath(URI uri) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                                                  FileAttribute<?>... attrs) throws IOException {
            return newFileChannel(path, options, attrs);
        }

        @Override
        public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
                throws IOException {
            touch("open", unwrap(path));
            return new WatchedChannel(unwrap(path), real.newFileChannel(unwrap(path), options, attrs));
        }

        @Override
        public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
                throws IOException {
            touch("opendir", unwrap(dir));
            DirectoryStream<Path> entries = real.newDirectoryStream(unwrap(dir), entry -> filter.accept(wrap(entry)));
            return new DirectoryStream<>() {
                @Override
                public Iterator<Path> iterator() {
                    Iterator<Path> inner = entries.iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            touch("readdir", unwrap(dir));
                            return inner.hasNext();
                        }

                        @Override
                        public Path next() {
                            return wrap(inner.next());
                        }
                    };
                }

                @Override
                public void close() throws IOException {
                    entries.close();
                }
            };
        }

        @Override
        public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
            touch("mkdir", unwrap(dir));
            real.createDirectory(unwrap(dir), attrs);
        }

        @Override
        public void delete(Path path) throws IOException {
            touch("delete", unwrap(path));
            real.delete(unwrap(path));
        }

        @Override
        public void copy(Path source, Path target, CopyOption... options) throws IOException {
            touch("copy", unwrap(source));
            real.copy(unwrap(source), unwrap(target), options);
        }

        @Override
        public void move(Path source, Path target, CopyOption... options) throws IOException {
            touch("move", unwrap(source));
            real.move(unwrap(source), unwrap(target), options);
        }

        @Override
        public boolean isSameFile(Path path, Path path2) throws IOException {
            touch("isSameFile", unwrap(path));
            return real.isSameFile(unwrap(path), unwrap(path2));
        }

        @Override
        public boolean isHidden(Path path) throws IOException {
            touch("isHidden", unwrap(path));
            return real.isHidden(unwrap(path));
        }

        @Override
        public FileStore getFileStore(Path path) throws IOException {
            touch("getFileStore", unwrap(path));
            return real.getFileStore(unwrap(path));
        }

        @Override
        public void checkAccess(Path path, AccessMode... modes) throws IOException {
            touch("access", unwrap(path));
            real.checkAccess(unwrap(path), modes);
        }

        @Override
        public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
            touch("attributeView", unwrap(path));
            return real.getFileAttributeView(unwrap(path), type, options);
        }

        @Override
        public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
                throws IOException {
            touch("stat", unwrap(path));
            return real.readAttributes(unwrap(path), type, options);
        }

        @Override
        public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
                throws IOException {
            touch("stat", unwrap(path));
            return real.readAttributes(unwrap(path), attributes, options);
        }

        @Override
        public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
            touch("setAttribute", unwrap(path));
            real.setAttribute(unwrap(path), attribute, value, options);
        }
    }

    /** A file channel whose every call is noted (and held, for a stalled name). */
    private final class WatchedChannel extends FileChannel {
        private final Path path;
        private final FileChannel inner;

        WatchedChannel(Path path, FileChannel inner) {
            this.path = path;
            this.inner = inner;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            touch("read", path);
            return inner.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            touch("read", path);
            return inner.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            touch("write", path);
            return inner.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            touch("write", path);
            return inner.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            touch("position", path);
            return inner.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            touch("seek", path);
            inner.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            touch("size", path);
            return inner.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            touch("truncate", path);
            inner.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            touch("force", path);
            inner.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            touch("read", path);
            return inner.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            touch("write", path);
            return inner.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            touch("read", path);
            return inner.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            touch("write", path);
            return inner.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            touch("map", path);
            return inner.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            touch("lock", path);
            return inner.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            touch("lock", path);
            return inner.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            touch("close", path);
            inner.close();
        }
    }

    /** The calls made by threads whose names do not start with {@code prefix}. */
    List<Call> callsOutside(String prefix) {
        return calls.stream().filter(call -> !call.thread().startsWith(prefix)).toList();
    }
}
