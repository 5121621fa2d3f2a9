package dev.latch.cli.proxy;

import dev.latch.cli.support.CommandGroup;
import dev.latch.cli.support.CommandName;
import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.Json;
import dev.latch.core.LatchException;
import dev.latch.core.UsageException;
import dev.latch.proxy.auth.BasicCredentials;
import dev.latch.proxy.auth.PasswordHash;
import dev.latch.proxy.auth.Users;
import dev.latch.proxy.auth.UsersFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code latch proxy user add|remove|list}: who may use the proxy. */
@Command(name = "user",
        mixinStandardHelpOptions = true,
        description = {
                "Manage the proxy's users: a file of names and Argon2id password hashes (mode 0600).",
                "",
                "A proxy running with the file takes each change at its next request, without a restart."},
        subcommands = {ProxyUserCommand.Add.class, ProxyUserCommand.Remove.class, ProxyUserCommand.ListUsers.class},
        footer = {"", "Typical use:",
                "  ${env:LATCH_COMMAND:-latch} proxy user add alice     asks for alice's password twice",
                "  ${env:LATCH_COMMAND:-latch} proxy --users ~/.latch/proxy/users --listen 0.0.0.0:3128"})
public final class ProxyUserCommand extends CommandGroup {

    /** {@code --users FILE}. */
    static final class UsersOption {
        @Option(names = "--users", paramLabel = "FILE",
                description = "The users file (default: $LATCH_HOME/proxy/users, with LATCH_HOME defaulting to ~/.latch).")
        Path users;

        UsersFile file() {
            return new UsersFile((users != null ? users : UsersFile.defaultPath()).toAbsolutePath());
        }
    }

    @Command(name = "add",
            mixinStandardHelpOptions = true,
            description = {"Add a user, or with --replace give an existing one a new password.",
                    "The password is asked twice on the terminal, or read from the first line of standard input."})
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        UsersOption users;

        @Parameters(paramLabel = "NAME", description = "The user name clients send (no ':' and no control characters).")
        String name;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input instead of asking.")
        boolean passwordStdin;

        @Option(names = "--replace", description = "Give an existing user a new password (else an existing user is refused).")
        boolean replace;

        @Override
        public Integer call() {
            UsersFile.checkName(name);
            UsersFile file = users.file();
            byte[] password = passwordStdin ? fromStandardInput() : fromConsole();
            PasswordHash hash;
            try {
                hash = PasswordHash.of(password);
            } finally {
                Arrays.fill(password, (byte) 0);
            }
            boolean replaced = file.add(name, hash, replace);
            PrintWriter out = spec.commandLine().getOut();
            out.println((replaced ? "Gave user " + name + " a new password in " : "Added user " + name + " to ")
                    + file.path() + " (" + hash + ").");
            out.println("Next: start the proxy with '" + CommandName.get() + " proxy --users " + file.path()
                    + "'; a proxy already running with this file takes the change at its next request.");
            return ExitCodes.OK;
        }

        private byte[] fromStandardInput() {
            byte[] line;
            try {
                line = firstLine(System.in.readAllBytes());
            } catch (IOException e) {
                throw new LatchException("cannot read the password from standard input: " + e.getMessage());
            }
            return checked(line);
        }

        private byte[] fromConsole() {
            Console console = System.console();
            if (console == null) {
                throw new UsageException("no terminal to ask for the password on", "pipe it in with --password-stdin");
            }
            char[] first = console.readPassword("Password for %s: ", name);
            char[] second = first == null ? null : console.readPassword("Repeat it: ");
            try {
                if (first == null || second == null) {
                    throw new LatchException("no password was entered", "run the command again");
                }
                if (!Arrays.equals(first, second)) {
                    throw new LatchException("the two passwords differ", "run the command again");
                }
                ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(first));
                byte[] password = new byte[encoded.remaining()];
                encoded.get(password);
                Arrays.fill(encoded.array(), (byte) 0);
                return checked(password);
            } finally {
                if (first != null) {
                    Arrays.fill(first, '\0');
                }
                if (second != null) {
                    Arrays.fill(second, '\0');
                }
            }
        }

        /** The bytes before the first line end, the rest wiped. */
        private static byte[] firstLine(byte[] input) {
            int end = 0;
            while (end < input.length && input[end] != '\n') {
                end++;
            }
            int length = end > 0 && input[end - 1] == '\r' ? end - 1 : end;
            byte[] line = Arrays.copyOf(input, length);
            Arrays.fill(input, (byte) 0);
            return line;
        }

        /** Refuses what no client could send: an empty password, or one with a control character (RFC 7617 §2). */
        private static byte[] checked(byte[] password) {
            if (password.length == 0) {
                throw new UsageException("the password is empty", "give the user a password");
            }
            if (BasicCredentials.hasControlCharacter(password)) {
                Arrays.fill(password, (byte) 0);
                throw new UsageException("the password contains a control character, which Basic authentication cannot carry",
                        "choose a password of printable characters");
            }
            return password;
        }
    }

    @Command(name = "remove",
            mixinStandardHelpOptions = true,
            description = {"Remove a user: a running proxy refuses them from its next request on."})
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        UsersOption users;

        @Parameters(paramLabel = "NAME", description = "The user to remove.")
        String name;

        @Override
        public Integer call() {
            UsersFile file = users.file();
            if (!file.remove(name)) {
                throw new LatchException("there is no user " + name + " in " + file.path(),
                        "'latch proxy user list --users " + file.path() + "' shows who is there");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("Removed user " + name + " from " + file.path() + "; a proxy running with this file refuses them from its next request on.");
            out.println("Next: '" + CommandName.get() + " proxy user list --users " + file.path() + "' shows who is left.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list",
            mixinStandardHelpOptions = true,
            description = {"List the users (names and hash parameters; never the hashes)."})
    static final class ListUsers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        UsersOption users;

        @Option(names = "--json", description = "Print the list as JSON.")
        boolean json;

        @Override
        public Integer call() {
            UsersFile file = users.file();
            Users read = file.read();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (String name : read.names()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", name);
                    row.put("hash", read.find(name).toString());
                    rows.add(row);
                }
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("file", file.path().toString());
                result.put("users", rows);
                Json.print(out, result);
                return ExitCodes.OK;
            }
            for (String name : read.names()) {
                out.println(name);
            }
            out.println(read.size() + " user" + (read.size() == 1 ? "" : "s") + " in " + file.path()
                    + (read.size() == 0 ? "; add one with '" + CommandName.get() + " proxy user add NAME'" : ""));
            return ExitCodes.OK;
        }
    }
}
