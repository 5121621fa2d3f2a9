package dev.latch.cli.proxy;

import dev.latch.cli.Main;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.cli.support.ExitCodes;
import dev.latch.proxy.auth.AuthResult;
import dev.latch.proxy.auth.UsersAuth;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code latch proxy user add|remove|list}, run in-process under a stand-in for {@code latch proxy}. */
class ProxyUserCommandTest {
    @TempDir
    Path dir;
    private final InputStream stdin = System.in;

    record Run(int exitCode, String out, String err) {
    }

    @AfterEach
    void restoreStdin() {
        System.setIn(stdin);
    }

    private Run latchProxy(String input, String... args) {
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] line = new String[args.length + 1];
        line[0] = "proxy";
        System.arraycopy(args, 0, line, 1, args.length);
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), line);
        return new Run(code, out.toString(), err.toString());
    }

    private Path users() {
        return dir.resolve("proxy").resolve("users");
    }

    private Run add(String name, String password, String... more) {
        List<String> args = new ArrayList<>(List.of("user", "add", name, "--users", users().toString(), "--password-stdin"));
        args.addAll(List.of(more));
        return latchProxy(password, args.toArray(String[]::new));
    }

    private AuthResult.Outcome login(String user, String password) {
        String header = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return UsersAuth.open(users(), line -> { }).check(InetAddress.getLoopbackAddress(), header).outcome();
    }

    @Test
    void addCreatesA0600FileThatTheProxyLetsTheUserInWith() throws Exception {
        Run run = add("alice", "correct horse\r\nignored second line\n");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Added user alice to " + users() + " (argon2id m=19456,t=2,p=1).\n"
                + "Next: start the proxy with 'latch proxy --users " + users()
                + "'; a proxy already running with this file takes the change at its next request.\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users()))).isEqualTo("rw-------");
        assertThat(Files.readString(users())).doesNotContain("correct horse");
        assertThat(login("alice", "correct horse")).isEqualTo(AuthResult.Outcome.ALLOWED);
        assertThat(login("alice", "ignored second line")).isEqualTo(AuthResult.Outcome.WRONG);
    }

    @Test
    void anExistingUserIsRefusedUnlessReplaced() {
        add("alice", "first\n");
        Run again = add("alice", "second\n");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(again.err()).isEqualTo("latch: user alice is already in " + users() + ": pass --replace to give them a new password\n");
        assertThat(login("alice", "first")).isEqualTo(AuthResult.Outcome.ALLOWED);

        Run replaced = add("alice", "second\n", "--replace");
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        assertThat(replaced.out()).startsWith("Gave user alice a new password in " + users());
        assertThat(login("alice", "second")).isEqualTo(AuthResult.Outcome.ALLOWED);
        assertThat(login("alice", "first")).isEqualTo(AuthResult.Outcome.WRONG);
    }

    @Test
    void anEmptyPasswordOrABadNameIsAUsageErrorAndWritesNothing() {
        for (String empty : List.of("", "\n", "\r\n")) {
            Run run = add("alice", empty);
            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).isEqualTo("latch proxy user add: the password is empty: give the user a password\n");
        }
        Run control = add("alice", "tab\there\n");
        assertThat(control.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(control.err()).contains("control character");
        Run name = add("a:b", "pw\n");
        assertThat(name.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(name.err()).startsWith("latch proxy user add: invalid user name: it contains ':'");
        assertThat(Files.exists(users())).isFalse();
    }

    @Test
    void withoutATerminalItAsksForPasswordStdin() {
        Run run = latchProxy("pw\n", "user", "add", "alice", "--users", users().toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo("latch proxy user add: no terminal to ask for the password on: pipe it in with --password-stdin\n");
        assertThat(Files.exists(users())).isFalse();
    }

    @Test
    void listShowsNamesAndCostsNeverHashes() throws Exception {
        add("alice", "a\n");
        add("bob", "b\n");
        Run text = latchProxy("", "user", "list", "--users", users().toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).isEqualTo("alice\nbob\n2 users in " + users() + "\n");

        Run json = latchProxy("", "user", "list", "--users", users().toString(), "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).doesNotContain("$argon2id$");
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("file").asText()).isEqualTo(users().toString());
        assertThat(root.get("users")).hasSize(2);
        assertThat(root.get("users").get(1).get("name").asText()).isEqualTo("bob");
        assertThat(root.get("users").get(1).get("hash").asText()).isEqualTo("argon2id m=19456,t=2,p=1");
    }

    @Test
    void removeTakesTheUserOutAndSaysSoWhenThereIsNone() {
        add("alice", "a\n");
        add("bob", "b\n");
        Run run = latchProxy("", "user", "remove", "alice", "--users", users().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Removed user alice from " + users()).contains("proxy user list --users " + users());
        assertThat(login("alice", "a")).isEqualTo(AuthResult.Outcome.WRONG);
        assertThat(login("bob", "b")).isEqualTo(AuthResult.Outcome.ALLOWED);

        Run none = latchProxy("", "user", "remove", "alice", "--users", users().toString());
        assertThat(none.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(none.err()).isEqualTo("latch: there is no user alice in " + users()
                + ": 'latch proxy user list --users " + users() + "' shows who is there\n");
    }

    @Test
    void aMissingFileSaysHowToStart() {
        Run run = latchProxy("", "user", "list", "--users", users().toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEqualTo("latch: there is no users file at " + users()
                + ": add a user with 'latch proxy user add NAME --users " + users() + "'\n");
    }

    @Test
    void withoutUsersTheFileIsInLatchHome() {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessRun run = ProcessRunner.in(dir).env("LATCH_HOME", dir.toString()).input("pw\n")
                .run(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                        "proxy", "user", "add", "alice", "--password-stdin");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Added user alice to " + users() + " (");
        assertThat(login("alice", "pw")).isEqualTo(AuthResult.Outcome.ALLOWED);
    }

    @Test
    void userAloneShowsItsSubcommands() {
        Run run = latchProxy("", "user");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).contains("add", "remove", "list", "latch proxy user add alice");
    }
}
