package dev.latch.proxy.auth;

import dev.latch.core.LatchException;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Basic authentication against a users file (RFC 7617, RFC 9110 §11.7.2): the file is reloaded
 * when it changes, failed attempts are limited per client address, and credentials verified
 * lately are remembered so that only the first request of a client pays for the slow hash.
 */
public final class UsersAuth implements ProxyAuth {
    private final ReloadingUsers users;
    private final FailedAttempts attempts;
    private final VerifiedCredentials verified;
    /**
     * Checked against when the user is unknown, so that an unknown user costs as much as a wrong
     * password and user names cannot be found out by timing; one per cost in use.
     */
    private final Map<PasswordHash.Cost, PasswordHash> dummies = new ConcurrentHashMap<>();

    UsersAuth(ReloadingUsers users, FailedAttempts attempts, VerifiedCredentials verified) {
        this.users = users;
        this.attempts = attempts;
        this.verified = verified;
        dummy(users.current()); // made now, so that the first unknown user costs no more than the next
    }

    /**
     * Reads the users file now and follows its changes.
     *
     * @param events where a reload that failed is reported, in one line
     * @throws LatchException when the file is missing, broken or has no user
     */
    public static UsersAuth open(Path usersFile, Consumer<String> events) {
        ReloadingUsers users = new ReloadingUsers(new UsersFile(usersFile), events);
        if (users.current().size() == 0) {
            throw new LatchException("the users file " + usersFile + " has no users, so nobody could use the proxy",
                    "add one with 'latch proxy user add NAME --users " + usersFile + "'");
        }
        return new UsersAuth(users, FailedAttempts.defaults(), VerifiedCredentials.defaults());
    }

    @Override
    public AuthResult check(InetAddress client, String proxyAuthorization) {
        if (proxyAuthorization == null) {
            return new AuthResult(AuthResult.Outcome.MISSING, null);
        }
        Optional<BasicCredentials> parsed = BasicCredentials.parse(proxyAuthorization);
        String user = parsed.map(BasicCredentials::user).filter(name -> UsersFile.nameProblem(name) == null).orElse(null);
        // turned away before any lookup: a remembered pair must not tell a blocked guesser it guessed right
        if (attempts.blocked(client)) {
            parsed.ifPresent(BasicCredentials::wipe);
            return new AuthResult(AuthResult.Outcome.TOO_MANY_ATTEMPTS, user);
        }
        if (parsed.isEmpty()) {
            attempts.failed(client);
            return new AuthResult(AuthResult.Outcome.WRONG, null);
        }
        BasicCredentials credentials = parsed.get();
        try {
            Users current = users.current();
            if (verified.contains(credentials, current)) {
                return AuthResult.allowed(credentials.user());
            }
            PasswordHash hash = current.find(credentials.user());
            boolean matches = (hash != null ? hash : dummy(current)).matches(credentials.password());
            if (hash != null && matches) {
                verified.remember(credentials, current);
                return AuthResult.allowed(credentials.user());
            }
            attempts.failed(client);
            return new AuthResult(AuthResult.Outcome.WRONG, user);
        } finally {
            credentials.wipe();
        }
    }

    /** A hash of a random password at the cost of the file's first user (as the others, usually). */
    private PasswordHash dummy(Users current) {
        PasswordHash.Cost cost = current.size() == 0 ? PasswordHash.DEFAULT_COST : current.find(current.names().get(0)).cost();
        return dummies.computeIfAbsent(cost, c -> {
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            return PasswordHash.of(random, c);
        });
    }

    @Override
    public boolean required() {
        return true;
    }
}
