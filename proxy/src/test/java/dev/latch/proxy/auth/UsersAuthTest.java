package dev.latch.proxy.auth;

import dev.latch.core.LatchException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static dev.latch.proxy.auth.AuthResult.Outcome.ALLOWED;
import static dev.latch.proxy.auth.AuthResult.Outcome.MISSING;
import static dev.latch.proxy.auth.AuthResult.Outcome.TOO_MANY_ATTEMPTS;
import static dev.latch.proxy.auth.AuthResult.Outcome.WRONG;
import static dev.latch.proxy.auth.UsersFileTest.hash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsersAuthTest {
    @TempDir
    Path dir;
    Path path;
    UsersFile file;
    final FakeTicker clock = new FakeTicker();
    final List<String> events = new ArrayList<>();
    VerifiedCredentials verified;
    ReloadingUsers users;
    UsersAuth auth;
    InetAddress client;

    @BeforeEach
    void setUp() throws Exception {
        path = dir.resolve("users");
        file = new UsersFile(path);
        file.add("alice", hash("a-pw"), false);
        verified = new VerifiedCredentials(Duration.ofMinutes(5), 1000, clock);
        users = new ReloadingUsers(file, events::add);
        auth = new UsersAuth(users, new FailedAttempts(10, Duration.ofMinutes(1), 1000, clock), verified);
        client = InetAddress.getByName("192.0.2.1");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private AuthResult check(String user, String password) {
        return auth.check(client, basic(user, password));
    }

    @Test
    void noHeaderIsMissingAndTheRightPasswordLetsTheUserIn() {
        assertThat(auth.required()).isTrue();
        assertThat(auth.check(client, null)).isEqualTo(new AuthResult(MISSING, null));
        assertThat(check("alice", "a-pw")).isEqualTo(AuthResult.allowed("alice"));
    }

    @Test
    void aWrongPasswordAnUnknownUserAndAnUnreadableHeaderAreAllWrong() {
        assertThat(check("alice", "A-pw")).isEqualTo(new AuthResult(WRONG, "alice"));
        assertThat(check("mallory", "a-pw")).isEqualTo(new AuthResult(WRONG, "mallory"));
        assertThat(auth.check(client, "Basic %%%")).isEqualTo(new AuthResult(WRONG, null));
        assertThat(auth.check(client, "Bearer abc")).isEqualTo(new AuthResult(WRONG, null));
        assertThat(check("#x:y", "pw")).as("a name no users file can hold is not logged").isEqualTo(new AuthResult(WRONG, null));
    }

    @Test
    void tenFailuresTurnTheClientAwayEvenWithTheRightPasswordUntilTheWindowPasses() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(check("alice", "guess" + i).outcome()).isEqualTo(WRONG);
        }
        assertThat(check("alice", "a-pw")).isEqualTo(new AuthResult(TOO_MANY_ATTEMPTS, "alice"));
        assertThat(auth.check(InetAddress.getByName("192.0.2.2"), basic("alice", "a-pw")).outcome()).as("another client").isEqualTo(ALLOWED);
        clock.advance(Duration.ofMinutes(1));
        assertThat(check("alice", "a-pw").outcome()).isEqualTo(ALLOWED);
    }

    @Test
    void malformedHeadersCountAsFailuresButMissingOnesDoNot() {
        for (int i = 0; i < 20; i++) {
            assertThat(auth.check(client, null).outcome()).isEqualTo(MISSING);
        }
        assertThat(check("alice", "a-pw").outcome()).isEqualTo(ALLOWED);
        for (int i = 0; i < 10; i++) {
            auth.check(client, "Basic !");
        }
        assertThat(check("alice", "a-pw").outcome()).isEqualTo(TOO_MANY_ATTEMPTS);
    }

    @Test
    void aBlockedClientGetsNoAnswerFromTheCacheEither() {
        assertThat(check("alice", "a-pw").outcome()).isEqualTo(ALLOWED);
        for (int i = 0; i < 10; i++) {
            check("alice", "guess" + i);
        }
        assertThat(check("alice", "a-pw").outcome()).isEqualTo(TOO_MANY_ATTEMPTS);
    }

    @Test
    void verifiedCredentialsAreRememberedSoThatTheNextRequestSkipsTheSlowHash() {
        BasicCredentials alice = new BasicCredentials("alice", "a-pw".getBytes(StandardCharsets.UTF_8));
        assertThat(verified.contains(alice, users.current())).isFalse();
        assertThat(check("alice", "a-pw").outcome()).isEqualTo(ALLOWED);
        assertThat(verified.contains(alice, users.current())).isTrue();
        assertThat(check("alice", "a-pw").outcome()).isEqualTo(ALLOWED);
        assertThat(check("alice", "wrong").outcome()).isEqualTo(WRONG);
        assertThat(verified.contains(new BasicCredentials("alice", "wrong".getBytes(StandardCharsets.UTF_8)), users.current())).isFalse();
    }

    @Test
    void aChangedPasswordOrARemovedUserTakesEffectAtOnceDespiteTheCache() {
        assertThat(check("alice", "a-pw").outcome()).isEqualTo(ALLOWED);
        file.add("alice", hash("new-pw"), true);
        assertThat(check("alice", "a-pw").outcome()).isEqualTo(WRONG);
        assertThat(check("alice", "new-pw").outcome()).isEqualTo(ALLOWED);
        file.add("bob", hash("b-pw"), false);
        file.remove("alice");
        assertThat(check("alice", "new-pw").outcome()).isEqualTo(WRONG);
    }

    @Test
    void aUserAddedToTheFileIsLetInWithoutARestart() {
        assertThat(check("bob", "b-pw").outcome()).isEqualTo(WRONG);
        file.add("bob", hash("b-pw"), false);
        assertThat(check("bob", "b-pw")).isEqualTo(AuthResult.allowed("bob"));
        assertThat(events).isEmpty();
    }

    @Test
    void aBrokenFileKeepsTheLastGoodUsersAndIsReportedOnceInOneLine() throws Exception {
        String hashLine = Files.readAllLines(path).get(1);
        Files.writeString(path, hashLine + "\nbob:not-a-hash\n");
        assertThat(check("alice", "a-pw").outcome()).isEqualTo(ALLOWED);
        assertThat(check("bob", "x").outcome()).isEqualTo(WRONG);
        assertThat(check("alice", "a-pw").outcome()).isEqualTo(ALLOWED);
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).startsWith("users file not reloaded, still using the 1 user read before: " + path + ":2:")
                .doesNotContain("\n").doesNotContain(hashLine.substring(hashLine.lastIndexOf('$')));

        Files.delete(path);
        assertThat(check("alice", "a-pw").outcome()).isEqualTo(ALLOWED);
        assertThat(events).hasSize(2);
        assertThat(events.get(1)).contains("there is no users file at " + path);

        file.add("carol", hash("c-pw"), false);
        assertThat(check("carol", "c-pw").outcome()).isEqualTo(ALLOWED);
        assertThat(check("alice", "a-pw").outcome()).as("the file now holds carol only").isEqualTo(WRONG);
    }

    /**
     * Causal rather than exact: without the dummy hash an unknown user is answered hundreds of times
     * faster than a wrong password; with it, both cost one Argon2id of the same cost.
     */
    @Test
    void anUnknownUserCostsAsMuchAsAWrongPassword() throws Exception {
        Path slow = dir.resolve("slow");
        new UsersFile(slow).add("alice", PasswordHash.of("pw".getBytes(StandardCharsets.UTF_8), new PasswordHash.Cost(32_768, 3, 1)), false);
        UsersAuth slowAuth = UsersAuth.open(slow, events::add);
        slowAuth.check(client, basic("nobody", "pw")); // makes the dummy hash once
        long wrongPassword = fastest(() -> slowAuth.check(client, basic("alice", "wrong")));
        long unknownUser = fastest(() -> slowAuth.check(client, basic("nobody", "pw")));
        assertThat(unknownUser).as("nanoseconds of an unknown user against %d of a wrong password", wrongPassword)
                .isGreaterThan(wrongPassword / 4);
    }

    private static long fastest(Runnable check) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            check.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    @Test
    void openRefusesAMissingOrEmptyFile() throws Exception {
        assertThatThrownBy(() -> UsersAuth.open(dir.resolve("none"), events::add))
                .isInstanceOf(LatchException.class).hasMessageContaining("there is no users file");
        Path empty = Files.writeString(dir.resolve("empty"), "# nobody yet\n");
        assertThatThrownBy(() -> UsersAuth.open(empty, events::add))
                .isInstanceOf(LatchException.class).hasMessageContaining("has no users");
        assertThat(UsersAuth.open(path, events::add).check(client, basic("alice", "a-pw")).outcome()).isEqualTo(ALLOWED);
    }
}
