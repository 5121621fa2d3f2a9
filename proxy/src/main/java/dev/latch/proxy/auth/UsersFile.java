package dev.latch.proxy.auth;

import dev.latch.core.LatchException;
import dev.latch.core.UsageException;
import dev.latch.core.io.AtomicFiles;
import dev.latch.pki.ca.CaHome;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The proxy's users: a text file of {@code NAME:PHC-HASH} lines, {@code #} comments and blank
 * lines kept as they are. Changes are written atomically with mode 0600. No message ever quotes a
 * hash.
 */
public final class UsersFile {
    static final int MAX_NAME = 256;
    private static final String HEADER = "# latch proxy users: NAME:ARGON2ID-HASH per line. Change with 'latch proxy user add|remove'.";

    private final Path path;

    public UsersFile(Path path) {
        this.path = path;
    }

    /** {@code $LATCH_HOME/proxy/users}. */
    public static Path defaultPath() {
        return CaHome.latchHome().resolve("proxy").resolve("users");
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return Files.exists(path);
    }

    /**
     * Reads every user.
     *
     * @throws LatchException naming the file and line of what is wrong, or that it is missing
     */
    public Users read() {
        return parse(lines(false)).users();
    }

    /**
     * Adds a user, creating the file when there is none.
     *
     * @param replace whether an existing user gets the new hash; else an existing user is refused
     * @return true when an existing user was replaced
     */
    public boolean add(String name, PasswordHash hash, boolean replace) {
        checkName(name);
        return changing(() -> {
            Parsed parsed = parse(lines(true));
            String line = name + ":" + hash.phc();
            Integer at = parsed.lineOf().get(name);
            if (at != null && !replace) {
                throw new LatchException("user " + name + " is already in " + path, "pass --replace to give them a new password");
            }
            List<String> lines = new ArrayList<>(parsed.lines());
            if (lines.isEmpty()) {
                lines.add(HEADER);
            }
            if (at != null) {
                lines.set(at, line);
            } else {
                lines.add(line);
            }
            write(lines);
            return at != null;
        });
    }

    /** Removes a user; false when there was no such user. */
    public boolean remove(String name) {
        return changing(() -> {
            Parsed parsed = parse(lines(false));
            Integer at = parsed.lineOf().get(name);
            if (at == null) {
                return false;
            }
            List<String> lines = new ArrayList<>(parsed.lines());
            lines.remove((int) at);
            write(lines);
            return true;
        });
    }

    /**
     * Runs a read-change-write of the file while holding a lock on {@code .NAME.lock} beside it,
     * so that two {@code latch proxy user add} run at once both land instead of one writing over
     * the other. The lock is the operating system's (released if a process dies); within this JVM,
     * where such a lock cannot be taken twice, a monitor orders the threads.
     */
    private boolean changing(BooleanSupplier change) {
        Path target = path.toAbsolutePath();
        Path lock = target.resolveSibling("." + target.getFileName() + ".lock");
        synchronized (UsersFile.class) {
            try {
                Files.createDirectories(target.getParent());
                try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    FileLock held = channel.lock();
                    try {
                        return change.getAsBoolean();
                    } finally {
                        held.release();
                    }
                }
            } catch (IOException e) {
                throw new LatchException("cannot lock " + lock + " to change the users file: " + e.getMessage(),
                        "check that the directory is writable");
            }
        }
    }

    /**
     * A user name a Basic header can carry (RFC 7617 §2: no colon, no control character) and that
     * reads back the same from the file.
     *
     * @throws UsageException saying what is wrong with it
     */
    public static void checkName(String name) {
        String problem = nameProblem(name);
        if (problem != null) {
            throw new UsageException("invalid user name: " + problem, "choose a name without ':' or control characters, not starting with '#'");
        }
    }

    /** What is wrong with a user name, or null when it is fine. */
    static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "it is empty";
        }
        if (name.length() > MAX_NAME) {
            return "it is longer than " + MAX_NAME + " characters";
        }
        if (name.indexOf(':') >= 0) {
            return "it contains ':', which separates the user from the password in Basic authentication";
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return "it contains a control character";
        }
        if (name.startsWith("#")) {
            return "it starts with '#', which marks a comment in the users file";
        }
        if (!name.strip().equals(name)) {
            return "it starts or ends with white space";
        }
        return null;
    }

    private List<String> lines(boolean missingIsEmpty) {
        try {
            return Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (missingIsEmpty) {
                return List.of();
            }
            throw new LatchException("there is no users file at " + path, "add a user with 'latch proxy user add NAME --users " + path + "'");
        } catch (IOException e) {
            throw new LatchException("cannot read the users file " + path + ": " + e.getMessage(), "check that it exists, is readable and is UTF-8 text");
        }
    }

    private void write(List<String> lines) {
        AtomicFiles.write(path, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), true);
    }

    private record Parsed(List<String> lines, Map<String, Integer> lineOf, Users users) {
    }

    private Parsed parse(List<String> lines) {
        Map<String, Integer> lineOf = new HashMap<>();
        Map<String, PasswordHash> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String where = path + ":" + (i + 1);
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw broken(where, "not NAME:HASH");
            }
            String name = line.substring(0, colon);
            String problem = nameProblem(name);
            if (problem != null) {
                throw broken(where, "invalid user name: " + problem);
            }
            Integer earlier = lineOf.putIfAbsent(name, i);
            if (earlier != null) {
                throw broken(where, "user " + name + " appears again (first on line " + (earlier + 1) + ")");
            }
            try {
                users.put(name, PasswordHash.parse(line.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                throw broken(where, "the hash of user " + name + " is unusable: " + e.getMessage());
            }
        }
        return new Parsed(lines, lineOf, new Users(users));
    }

    private LatchException broken(String where, String what) {
        return new LatchException(where + ": " + what, "fix the line, or set the user again with 'latch proxy user add NAME --replace --users " + path + "'");
    }
}
