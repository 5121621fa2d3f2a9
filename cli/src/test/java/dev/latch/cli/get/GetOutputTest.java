package dev.latch.cli.get;

import dev.latch.cli.support.ProgressBar;
import dev.latch.client.message.Header;
import dev.latch.client.message.ResponseHead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Where bodies go: never a half-written -o file, nothing with --fail on an error status, -i's head, the progress bar. */
class GetOutputTest {
    @TempDir
    Path dir;

    private static ResponseHead head(int status, String... headers) {
        List<Header> fields = new java.util.ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            fields.add(new Header(headers[i], headers[i + 1]));
        }
        return new ResponseHead("HTTP/1.1", status, status == 200 ? "OK" : "Other", fields);
    }

    @Test
    void anOutputFileAppearsOnlyWhenCommittedAndAnAbortLeavesTheOldOneAndNoTemporary() throws Exception {
        Path target = Files.writeString(dir.resolve("page.html"), "old");
        DownloadFile file = new DownloadFile(target);
        try (OutputStream out = file.open()) {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Files.readString(target)).isEqualTo("old");
        file.abort();
        assertThat(Files.readString(target)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }

        OutputStream out = file.open();
        out.write("new".getBytes(StandardCharsets.UTF_8));
        file.commit();
        assertThat(Files.readString(target)).isEqualTo("new");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aTargetThatIsNoRegularFileIsWrittenDirectlyNeverReplaced() throws Exception {
        Path fifo = dir.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        java.util.concurrent.CompletableFuture<byte[]> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        DownloadFile file = new DownloadFile(fifo);
        file.open().write("through".getBytes(StandardCharsets.UTF_8));
        file.commit();

        assertThat(new String(read.get(30, java.util.concurrent.TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo("through");
        assertThat(Files.isRegularFile(fifo)).isFalse();
        assertThat(Files.exists(fifo)).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(fifo);
        }
    }

    @Test
    void aLinkIsFollowedTheFileItNamesReplacedAndTheLinkKept() throws Exception {
        Path real = Files.writeString(Files.createDirectory(dir.resolve("real")).resolve("page.html"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.html"), real);
        DownloadFile file = new DownloadFile(link);
        file.open().write("new".getBytes(StandardCharsets.UTF_8));
        file.commit();

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");
        try (var files = Files.list(real.getParent())) {
            assertThat(files).containsExactly(real);
        }
    }

    @Test
    void failWritesNothingOfAnErrorResponse() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        BodyTarget target = new BodyTarget(stdout, null, true, true, false, null);
        assertThat(target.open(head(404))).isNull();
        assertThat(target.failedStatus()).isTrue();
        assertThat(stdout.size()).isZero();

        DownloadFile file = new DownloadFile(dir.resolve("x.html"));
        BodyTarget toFile = new BodyTarget(stdout, file, false, true, false, null);
        assertThat(toFile.open(head(500))).isNull();
        assertThat(file.opened()).isFalse();
        assertThat(dir.resolve("x.html")).doesNotExist();
    }

    @Test
    void includeWritesTheHeadBeforeTheBodyAndAFollowedRedirectWritesNoBody() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        BodyTarget target = new BodyTarget(stdout, null, true, false, true, null);
        assertThat(target.open(head(301, "Location", "/b"))).isNull();
        try (OutputStream body = target.open(head(200, "Content-Length", "2"))) {
            body.write("hi".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(stdout.toString(StandardCharsets.ISO_8859_1))
                .isEqualTo("HTTP/1.1 301 Other\r\nLocation: /b\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
    }

    @Test
    void theProgressBarShowsOnlyPastOneMebibyteOnATerminalAtMostTenTimesASecond() {
        StringWriter text = new StringWriter();
        AtomicLong now = new AtomicLong();
        AtomicInteger asked = new AtomicInteger();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), now::get, () -> {
            asked.incrementAndGet();
            return true;
        });
        bar.expect(-1);
        bar.add(ProgressBar.THRESHOLD);
        assertThat(text.toString()).isEmpty();
        assertThat(asked.get()).isZero();

        now.set(1_000_000_000L);
        bar.add(1);
        assertThat(text.toString()).startsWith("\r1.0 MiB  1.0 MiB/s");
        int draws = text.toString().split("\r", -1).length - 1;
        now.addAndGet(50_000_000L);
        bar.add(1);
        assertThat(text.toString().split("\r", -1).length - 1).isEqualTo(draws);
        now.addAndGet(50_000_000L);
        bar.add(1);
        assertThat(text.toString().split("\r", -1).length - 1).isEqualTo(draws + 1);
        bar.finish();
        assertThat(text.toString()).endsWith(System.lineSeparator());
        assertThat(asked.get()).isEqualTo(1);
    }

    @Test
    void noProgressBarWhenStderrIsNoTerminal() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), System::nanoTime, () -> false);
        bar.expect(10 * ProgressBar.THRESHOLD);
        bar.add(5 * ProgressBar.THRESHOLD);
        bar.finish();
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void aKnownLengthShowsThePercentage() {
        ProgressBar bar = new ProgressBar(new PrintWriter(new StringWriter()), () -> 2_000_000_000L, () -> true);
        bar.expect(4 * ProgressBar.THRESHOLD);
        bar.add(ProgressBar.THRESHOLD);
        assertThat(bar.line(2_000_000_000L)).contains(" 25% 1.0 MiB of 4.0 MiB");
    }
}
