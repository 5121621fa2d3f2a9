package dev.latch.cli.get;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the body and the talk go: -o/-O, -i, -s/-S, -w, --fail, -v, --json. */
final class OutputFlags {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the body to FILE (in place only when the "
            + "whole exchange succeeded; before that it is a hidden temporary file beside it).", order = 1)
    Path output;

    @Option(names = {"-O", "--remote-name"}, description = "As -o, named after the last part of the URL's path, in the current directory.", order = 2)
    boolean remoteName;

    @Option(names = {"-i", "--include"}, description = "Write the response's status line and header fields before its body.", order = 3)
    boolean include;

    @Option(names = {"-f", "--fail"}, description = "On a status of 400 or more write nothing and exit 22.", order = 4)
    boolean fail;

    @Option(names = {"-s", "--silent"}, description = "No progress bar and no error messages (the --insecure warning stays).", order = 5)
    boolean silent;

    @Option(names = {"-S", "--show-error"}, description = "With -s: still say why it failed.", order = 6)
    boolean showError;

    @Option(names = {"-w", "--write-out"}, paramLabel = "FORMAT", description = "Print FORMAT to stdout at the end with curl's "
            + "variables filled in (see below; @FILE reads it from FILE).", order = 7)
    String writeOut;

    @Option(names = {"-v", "--verbose"}, description = "Print every step on stderr as it happens, with times: resolve, connect, "
            + "proxy, ClientHello, negotiation, the certificate chain, path and checks (also when it is not trusted), headers.", order = 8)
    boolean verbose;

    @Option(names = "--json", description = "Print one JSON record of the exchange on stdout (steps, handshake, chain, trust "
            + "report, response head, timings, failure). The body goes only to -o/-O, never into the record. "
            + "(Not curl's --json, which sends JSON.)", order = 9)
    boolean json;

    /** The file to write, or null for standard output. */
    Path target(URI url) {
        if (output != null && remoteName) {
            throw new IllegalArgumentException("-o and -O exclude each other");
        }
        if (remoteName) {
            return Path.of(TargetUrl.remoteName(url));
        }
        return output;
    }

    /** -w's format, read from the file after @ when so given; null without -w. */
    String writeOutFormat() {
        if (writeOut == null || !writeOut.startsWith("@")) {
            return writeOut;
        }
        Path file = Path.of(writeOut.substring(1));
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("-w " + writeOut + ": cannot read " + file + " (" + e.getMessage() + ")");
        }
    }

    void check() {
        if (json && writeOut != null) {
            throw new IllegalArgumentException("--json and -w exclude each other: the JSON record has the timings and all");
        }
    }

    /** Whether failures are told on stderr. */
    boolean tellsErrors() {
        return !silent || showError;
    }
}
