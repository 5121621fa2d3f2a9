package dev.latch.proxy;

import dev.latch.proxy.auth.AuthResult;
import dev.latch.proxy.auth.ProxyAuth;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** One user, alice with password "secret"; "blocked" as a user name stands for a rate-limited client. */
public final class TestAuth implements ProxyAuth {
    public static final String USER = "alice";
    public static final String PASSWORD = "secret";

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public AuthResult check(InetAddress client, String proxyAuthorization) {
        if (proxyAuthorization == null) {
            return new AuthResult(AuthResult.Outcome.MISSING, null);
        }
        if (proxyAuthorization.equals(basic("blocked", PASSWORD))) {
            return new AuthResult(AuthResult.Outcome.TOO_MANY_ATTEMPTS, "blocked");
        }
        return proxyAuthorization.equals(basic(USER, PASSWORD)) ? AuthResult.allowed(USER)
                : new AuthResult(AuthResult.Outcome.WRONG, null);
    }

    @Override
    public boolean required() {
        return true;
    }
}
