package dev.latch.core.io;

import dev.latch.core.LatchException;
import dev.latch.core.io.AtomicFiles.FileContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {
    @TempDir
    Path dir;

    /** A write killed mid-way by an older Latch left .NAME.DIGITS.tmp files, some holding keys: the next write of NAME removes them. */
    @Test
    void theNextWriteRemovesTempFilesACrashLeftButNotALiveWritersOrOthers() throws Exception {
        FileTime longAgo = FileTime.from(Instant.now().minus(AtomicFiles.STALE_AFTER).minusSeconds(5));
        Path crashed = Files.writeString(dir.resolve(".k.pem.4242424242.tmp"), "-----BEGIN PRIVATE KEY-----");
        Files.setLastModifiedTime(crashed, longAgo);
        Path live = Files.writeString(dir.resolve(".k.pem.777.tmp"), "being written now");
        Path other = Files.writeString(dir.resolve(".other.pem.4242424242.tmp"), "x");
        Files.setLastModifiedTime(other, longAgo);
        Path notOurs = Files.writeString(dir.resolve(".k.pem.backup.tmp"), "x");
        Files.setLastModifiedTime(notOurs, longAgo);

        AtomicFiles.write(dir.resolve("k.pem"), new byte[] {1}, true);

        assertThat(crashed).doesNotExist();
        assertThat(live).exists();
        assertThat(other).exists();
        assertThat(notOurs).exists();
    }

    @Test
    void secretsAre0600AndOthers0644() throws Exception {
        AtomicFiles.writeAll(List.of(FileContent.secret(dir.resolve("k.pem"), new byte[] {1}),
                FileContent.open(dir.resolve("c.pem"), new byte[] {2})), true);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("k.pem")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("c.pem")))).isEqualTo("rw-r--r--");
    }

    @Test
    void abortedStagingLeavesNothingBehind() throws Exception {
        AtomicFiles.Staged staged = AtomicFiles.stage(List.of(FileContent.open(dir.resolve("a"), new byte[] {1})), true);
        assertThat(dir.resolve("a")).doesNotExist();
        staged.abort();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void refusesToOverwriteWhenAskedAndWritesNothing() throws Exception {
        Files.writeString(dir.resolve("b"), "old");
        assertThatThrownBy(() -> AtomicFiles.writeAll(List.of(FileContent.open(dir.resolve("a"), new byte[] {1}),
                FileContent.open(dir.resolve("b"), new byte[] {2})), false))
                .isInstanceOf(LatchException.class).hasMessageContaining("refusing to overwrite");
        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(dir.resolve("b")).hasContent("old");
    }

    @Test
    void unwritableDirectoryFailsCleanly() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> AtomicFiles.writeAll(List.of(FileContent.open(dir.resolve("first.pem"), new byte[] {1}),
                FileContent.open(file.resolve("child.pem"), new byte[] {2})), true))
                .isInstanceOf(LatchException.class).hasMessageContaining("cannot write");
        // the first file was staged before the second failed: its temporary file is gone, and it never appeared
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        assertThat(file).hasContent("x");
    }

    @Test
    void namedTempFilesAreNewAndSecretUntilComplete() throws Exception {
        Path key = dir.resolve("k.pem");
        Path keyTemp = AtomicFiles.tempFor(key, "abc");
        assertThat(keyTemp).isEqualTo(dir.toAbsolutePath().resolve(".k.pem.abc.tmp"));
        AtomicFiles.writeTemp(FileContent.secret(key, new byte[] {1, 2}), keyTemp);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyTemp))).isEqualTo("rw-------");
        assertThat(keyTemp).hasBinaryContent(new byte[] {1, 2});
        assertThatThrownBy(() -> AtomicFiles.writeTemp(FileContent.secret(key, new byte[] {3}), keyTemp))
                .as("a temporary name already taken is never written through").isInstanceOf(LatchException.class);
        assertThat(keyTemp).hasBinaryContent(new byte[] {1, 2});

        Path certificate = dir.resolve("c.pem");
        Path certificateTemp = AtomicFiles.tempFor(certificate, "abc");
        AtomicFiles.writeTemp(FileContent.open(certificate, new byte[] {4}), certificateTemp);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certificateTemp))).isEqualTo("rw-r--r--");
        AtomicFiles.replace(keyTemp, key);
        AtomicFiles.replace(certificateTemp, certificate);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(key, certificate);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }
}
