package dev.latch.proxy.auth;

import dev.latch.core.LatchException;
import dev.latch.core.UsageException;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsersFileTest {
    static final PasswordHash.Cost CHEAP = new PasswordHash.Cost(64, 1, 1);

    @TempDir
    Path dir;

    static PasswordHash hash(String password) {
        return PasswordHash.of(password.getBytes(StandardCharsets.UTF_8), CHEAP);
    }

    static boolean matches(PasswordHash hash, String password) {
        return hash.matches(password.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void addReadAndRemoveUsers() {
        UsersFile file = new UsersFile(dir.resolve("proxy/users"));
        assertThat(file.add("alice", hash("a-pw"), false)).isFalse();
        assertThat(file.add("bob", hash("b-pw"), false)).isFalse();
        Users users = file.read();
        assertThat(users.names()).containsExactly("alice", "bob");
        assertThat(matches(users.find("alice"), "a-pw")).isTrue();
        assertThat(matches(users.find("bob"), "a-pw")).isFalse();
        assertThat(users.find("carol")).isNull();

        assertThat(file.remove("alice")).isTrue();
        assertThat(file.remove("alice")).isFalse();
        assertThat(file.read().names()).containsExactly("bob");
    }

    @Test
    void theFileIsWrittenWithMode0600AndReplacedWholeByARename() throws Exception {
        Path path = dir.resolve("users");
        UsersFile file = new UsersFile(path);
        file.add("alice", hash("pw"), false);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
        Object before = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        file.add("bob", hash("pw"), false);
        Object after = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        assertThat(after).as("a new file renamed over the old, never rewritten in place").isNotEqualTo(before);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file left").containsExactlyInAnyOrder("users", ".users.lock");
        }
    }

    @Test
    void anExistingUserIsRefusedUnlessReplaced() {
        UsersFile file = new UsersFile(dir.resolve("users"));
        file.add("alice", hash("old"), false);
        assertThatThrownBy(() -> file.add("alice", hash("new"), false))
                .isInstanceOf(LatchException.class)
                .hasMessageContaining("user alice is already in")
                .satisfies(e -> assertThat(((LatchException) e).hint()).contains("--replace"));
        assertThat(matches(file.read().find("alice"), "old")).isTrue();
        assertThat(file.add("alice", hash("new"), true)).isTrue();
        assertThat(matches(file.read().find("alice"), "new")).isTrue();
        assertThat(file.read().names()).containsExactly("alice");
    }

    @Test
    void commentsAndBlankLinesSurviveChanges() throws Exception {
        Path path = dir.resolve("users");
        Files.writeString(path, "# the ops team\n\nalice:" + hash("pw").phc() + "\n# contractors\nbob:" + hash("pw").phc() + "\n");
        UsersFile file = new UsersFile(path);
        file.add("alice", hash("new"), true);
        file.remove("bob");
        file.add("carol", hash("pw"), false);
        List<String> lines = Files.readAllLines(path);
        assertThat(lines.get(0)).isEqualTo("# the ops team");
        assertThat(lines.get(1)).isEmpty();
        assertThat(lines.get(2)).startsWith("alice:$argon2id$");
        assertThat(lines.get(3)).isEqualTo("# contractors");
        assertThat(lines.get(4)).startsWith("carol:$argon2id$");
        assertThat(lines).hasSize(5);
    }

    @Test
    void aNewFileStartsWithACommentSayingWhatItIs() throws Exception {
        Path path = dir.resolve("users");
        new UsersFile(path).add("alice", hash("pw"), false);
        assertThat(Files.readAllLines(path).get(0)).startsWith("#").contains("latch proxy user add");
    }

    @Test
    void brokenLinesAreNamedByFileAndLineWithoutQuotingAHash() throws Exception {
        String good = hash("pw").phc();
        String secretPart = good.substring(good.lastIndexOf('$') + 1);
        assertBroken("alice:" + good + "\nno colon here\n", ":2: not NAME:HASH");
        assertBroken("alice:" + good + "\nbob:" + good.substring(0, good.lastIndexOf('$') + 11) + "\n", ":2: the hash of user bob is unusable: the hash has 7 bytes, not 16..64");
        assertBroken("alice:" + good + "\nalice:" + good + "\n", ":2: user alice appears again (first on line 1)");
        assertBroken(" alice:" + good + "\n", ":1: invalid user name: it starts or ends with white space");
        assertBroken("bob:$2b$12$" + secretPart + "\n", ":1: the hash of user bob is unusable");
        for (String content : List.of("alice:" + good.replace("m=64", "m=1") + "\n", "carol:x" + secretPart + "\n")) {
            Files.writeString(dir.resolve("users"), content);
            assertThatThrownBy(() -> new UsersFile(dir.resolve("users")).read())
                    .satisfies(e -> assertThat(((LatchException) e).oneLine()).doesNotContain(secretPart));
        }
    }

    private void assertBroken(String content, String message) throws Exception {
        Path path = dir.resolve("users");
        Files.writeString(path, content);
        assertThatThrownBy(() -> new UsersFile(path).read())
                .isInstanceOf(LatchException.class)
                .hasMessageStartingWith(path + message)
                .satisfies(e -> assertThat(((LatchException) e).hint()).contains("latch proxy user add"));
    }

    /** Three processes adding users at once: with the lock every user lands, without it some are written over. */
    @Test
    void writersRacingEachOtherLoseNoUser() throws Exception {
        Path path = dir.resolve("users");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> writers = List.of("a", "b", "c");
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ProcessRun>> runs = new ArrayList<>();
            for (String writer : writers) {
                runs.add(threads.submit(() -> ProcessRunner.in(dir).timeout(Duration.ofSeconds(120))
                        .run(java, "-cp", System.getProperty("java.class.path"), UsersFileAdder.class.getName(), path.toString(), writer, "40")));
            }
            for (String writer : writers) {
                while (!Files.exists(Path.of(path + ".ready-" + writer)) && runs.stream().noneMatch(Future::isDone)) {
                    Thread.sleep(5);
                }
            }
            Files.createFile(Path.of(path + ".go"));
            for (Future<ProcessRun> run : runs) {
                assertThat(run.get().exitCode()).as(run.get().all()).isZero();
            }
        }
        assertThat(new UsersFile(path).read().size()).isEqualTo(120);
    }

    @Test
    void aMissingFileSaysHowToMakeOne() {
        Path path = dir.resolve("none");
        assertThatThrownBy(() -> new UsersFile(path).read())
                .isInstanceOf(LatchException.class)
                .hasMessage("there is no users file at " + path)
                .satisfies(e -> assertThat(((LatchException) e).hint()).contains("latch proxy user add NAME"));
        assertThat(new UsersFile(path).exists()).isFalse();
        assertThat(Files.exists(path, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void userNamesABasicHeaderCannotCarryAreRefused() {
        for (String name : List.of("", "a:b", "tab\there", "nul\u0000", "del\u007f", "#root", " alice", "alice ", "x".repeat(257))) {
            assertThatThrownBy(() -> UsersFile.checkName(name)).as(name).isInstanceOf(UsageException.class)
                    .hasMessageStartingWith("invalid user name: ");
            assertThatThrownBy(() -> new UsersFile(dir.resolve("users")).add(name, hash("pw"), false)).isInstanceOf(UsageException.class);
        }
        UsersFile.checkName("jürgen.müller@example.com");
        UsersFile.checkName("first last");
    }
}
