package dev.latch.proxy.auth;

import dev.latch.core.LatchException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The users of a users file as it is now: each look checks the file's modification time, size and
 * identity (one stat) and reads it again when any changed, so that {@code latch proxy user add}
 * takes effect on a running proxy. A file that has become unreadable or broken leaves the users
 * read last in force, and is reported once, in one line, until it changes again.
 */
final class ReloadingUsers {
    private final UsersFile file;
    private final Consumer<String> events;
    private volatile Snapshot snapshot;

    /** What was read, and the file's stamp when it was last looked at (null: it could not be seen). */
    private record Snapshot(Users users, Stamp stamp) {
    }

    /** The file's identity (a rename over it makes a new one), modification time and size. */
    private record Stamp(Object key, FileTime modified, long size) {
    }

    /** Reads the file now. @throws LatchException when it is missing or broken */
    ReloadingUsers(UsersFile file, Consumer<String> events) {
        this.file = file;
        this.events = events;
        Stamp stamp = stamp();
        this.snapshot = new Snapshot(file.read(), stamp);
    }

    Users current() {
        Stamp stamp = stamp();
        Snapshot seen = snapshot;
        if (Objects.equals(stamp, seen.stamp())) {
            return seen.users();
        }
        synchronized (this) {
            seen = snapshot;
            if (Objects.equals(stamp, seen.stamp())) {
                return seen.users();
            }
            Users users = seen.users();
            try {
                users = file.read();
            } catch (LatchException e) {
                events.accept("users file not reloaded, still using the " + users.size() + " user"
                        + (users.size() == 1 ? "" : "s") + " read before: " + e.oneLine());
            }
            snapshot = new Snapshot(users, stamp);
            return users;
        }
    }

    private Stamp stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file.path(), BasicFileAttributes.class);
            return new Stamp(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
        } catch (IOException e) {
            return null;
        }
    }
}
