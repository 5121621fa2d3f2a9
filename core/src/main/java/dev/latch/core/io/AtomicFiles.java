package dev.latch.core.io;

import dev.latch.core.LatchException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes files so that a reader never sees half of one: each file is written to a temporary
 * file beside it, flushed to disk, then renamed over the target. Secret files are created with
 * mode 0600 from the start, so no other user can ever open them.
 */
public final class AtomicFiles {
    /** Age after which a temporary file of an earlier write is taken as left by a crash. */
    static final Duration STALE_AFTER = Duration.ofMinutes(1);
    private static final Set<PosixFilePermission> SECRET = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    /** One file to write. */
    public record FileContent(Path path, byte[] content, boolean secret) {
        public static FileContent secret(Path path, byte[] content) {
            return new FileContent(path, content, true);
        }

        public static FileContent open(Path path, byte[] content) {
            return new FileContent(path, content, false);
        }
    }

    private AtomicFiles() {
    }

    public static void write(Path path, byte[] content, boolean secret) {
        writeAll(List.of(new FileContent(path, content, secret)), true);
    }

    /**
     * Writes every file, or none: all are staged as temporary files first, and only when every
     * one is on disk are they renamed into place.
     *
     * @param overwrite when false, refuses (before writing anything) if any target exists
     */
    public static void writeAll(List<FileContent> files, boolean overwrite) {
        stage(files, overwrite).commit();
    }

    /**
     * Stages the files as temporary files beside their targets. Nothing is visible under the
     * target names until {@link Staged#commit()}; {@link Staged#abort()} removes the temporary files.
     * This lets a caller record something elsewhere (a database row) between the two steps.
     */
    public static Staged stage(List<FileContent> files, boolean overwrite) {
        if (!overwrite) {
            for (FileContent file : files) {
                if (Files.exists(file.path(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw new LatchException("refusing to overwrite " + file.path(),
                            "move it away or choose another output directory");
                }
            }
        }
        Staged staged = new Staged(files);
        try {
            for (FileContent file : files) {
                staged.temps.add(stage(file));
            }
        } catch (IOException e) {
            staged.abort();
            throw failure(files, e);
        }
        return staged;
    }

    /** Files written under temporary names, waiting to be renamed into place. */
    public static final class Staged {
        private final List<FileContent> files;
        private final List<Path> temps = new ArrayList<>();

        private Staged(List<FileContent> files) {
            this.files = files;
        }

        public void commit() {
            try {
                for (int i = 0; i < files.size(); i++) {
                    move(temps.get(i), files.get(i).path());
                }
            } catch (IOException e) {
                abort();
                throw failure(files, e);
            }
            for (FileContent file : files) {
                syncDirectory(file.path().toAbsolutePath().getParent());
            }
        }

        public void abort() {
            for (Path temp : temps) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: a leftover temporary name never shadows a real file
                }
            }
        }
    }

    private static LatchException failure(List<FileContent> files, IOException e) {
        return new LatchException("cannot write " + describe(files) + ": " + e.getMessage(),
                "check that the directory exists and is writable", e);
    }

    private static Path stage(FileContent file) throws IOException {
        Path target = file.path().toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        removeStaleTemps(target);
        Path temp;
        try {
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(SECRET));
        } catch (UnsupportedOperationException e) {
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        }
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            fill(channel, temp, file);
        }
        return temp;
    }

    /**
     * The temporary name under which {@code target} is staged by a writer that must find its
     * files again after a crash: {@code .NAME.TOKEN.tmp} beside it.
     */
    public static Path tempFor(Path target, String token) {
        Path absolute = target.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + "." + token + ".tmp");
    }

    /**
     * Writes {@code file}'s content to {@code temp}, a new file created with mode 0600 (so a key
     * is never readable by others, not even for a moment), flushed to disk; a public file is
     * opened up to 0644 only once complete. Its directory is created when missing.
     */
    public static void writeTemp(FileContent file, Path temp) {
        try {
            Files.createDirectories(temp.toAbsolutePath().getParent());
            removeStaleTemps(file.path().toAbsolutePath());
            try (FileChannel channel = createSecret(temp)) {
                fill(channel, temp, file);
            }
        } catch (IOException e) {
            throw failure(List.of(file), e);
        }
    }

    /**
     * Removes what a writer killed mid-way (by an older Latch, or outside a journal) left of an
     * earlier write of {@code target}: {@code .NAME.<digits>.tmp} files beside it, which may hold a
     * private key. Only those older than {@link #STALE_AFTER}, so a live writer's file is left alone.
     */
    static void removeStaleTemps(Path target) throws IOException {
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        String prefix = "." + target.getFileName() + ".";
        Instant staleBefore = Instant.now().minus(STALE_AFTER);
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, prefix + "*.tmp")) {
            for (Path temp : temps) {
                String name = temp.getFileName().toString();
                String middle = name.substring(prefix.length(), name.length() - ".tmp".length());
                if (!middle.isEmpty() && middle.chars().allMatch(Character::isDigit) && Files.isRegularFile(temp, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(temp, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(staleBefore)) {
                    Files.deleteIfExists(temp);
                }
            }
        }
    }

    private static FileChannel createSecret(Path file) throws IOException {
        try {
            return FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(SECRET));
        } catch (UnsupportedOperationException e) {
            return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    /** Renames a complete temporary file over {@code target}, atomically where the file system can. */
    public static void replace(Path temp, Path target) {
        try {
            move(temp, target);
        } catch (IOException e) {
            throw new LatchException("cannot rename " + temp + " to " + target + ": " + e.getMessage(),
                    "check that the directory is writable", e);
        }
    }

    private static void fill(FileChannel channel, Path temp, FileContent file) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(file.content());
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(true);
        if (!file.secret()) {
            try {
                Files.setPosixFilePermissions(temp, PUBLIC);
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: default permissions apply
            }
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Flushes a directory's entries (renames, removals) to disk. */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // some file systems cannot sync a directory; the rename itself is still atomic
        }
    }

    private static String describe(List<FileContent> files) {
        return files.size() == 1 ? files.get(0).path().toString() : files.size() + " files in " + files.get(0).path().toAbsolutePath().getParent();
    }
}
