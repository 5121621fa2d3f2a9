package dev.latch.proxy.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The users of one reading of a users file: name and password hash, in file order. */
public final class Users {
    private final Map<String, PasswordHash> byName;

    Users(Map<String, PasswordHash> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** The user's hash, or null when there is no such user. */
    public PasswordHash find(String name) {
        return byName.get(name);
    }

    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    public int size() {
        return byName.size();
    }
}
