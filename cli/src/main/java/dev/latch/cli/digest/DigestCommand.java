package dev.latch.cli.digest;

import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.FileArgument;
import dev.latch.cli.support.Json;
import dev.latch.core.LatchException;
import dev.latch.crypto.digest.DigestAlgorithm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "digest",
        mixinStandardHelpOptions = true,
        description = {
                "Print the digest (cryptographic checksum) of files, as sha256sum does.",
                "",
                "Each file is read as a stream (any size). The output is sha256sum's: the digest",
                "in hex, two spaces, the name (a name with a backslash, newline or carriage return",
                "is escaped and its line starts with a backslash), so 'sha256sum -c' checks it.",
                "A file that cannot be read is named on standard error, the others are still",
                "digested, and the exit code is 1."},
        footer = {"", "Examples:",
                "  ${env:LATCH_COMMAND:-latch} digest release.tar > release.tar.sha256 && sha256sum -c release.tar.sha256",
                "  ${env:LATCH_COMMAND:-latch} digest --algorithm sha3-256 --json *.pdf",
                "  tar c dir | ${env:LATCH_COMMAND:-latch} digest -"})
public final class DigestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-a", "--algorithm"}, paramLabel = "ALGORITHM", defaultValue = "sha256",
            description = "sha256 (default), sha384, sha512 or sha3-256.")
    String algorithm;

    @Option(names = "--json", description = "Print the digests as JSON: the algorithm, and each file's digest or error.")
    boolean json;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "The files (- or none: standard input).")
    List<String> files = new ArrayList<>();

    @Override
    public Integer call() {
        DigestAlgorithm chosen = DigestAlgorithm.parse(algorithm);
        List<String> names = files.isEmpty() ? List.of(FileArgument.STANDARD_INPUT) : files;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Map<String, Object>> results = new ArrayList<>();
        boolean failed = false;
        for (String name : names) {
            FileArgument file = new FileArgument(name);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("file", name);
            try {
                String digest = HexFormat.of().formatHex(digest(file, chosen));
                result.put("digest", digest);
                if (!json) {
                    out.println(line(digest, name));
                }
            } catch (LatchException e) {
                failed = true;
                result.put("error", e.getMessage());
                err.println("latch digest: " + e.oneLine());
            }
            results.add(result);
        }
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("algorithm", chosen.cliName());
            document.put("files", results);
            Json.print(out, document);
        }
        out.flush();
        return failed ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static byte[] digest(FileArgument file, DigestAlgorithm algorithm) {
        try (InputStream in = file.open()) {
            return algorithm.digest(in);
        } catch (IOException e) {
            throw file.cannotRead(e);
        }
    }

    /** sha256sum's line: a name with \, newline or CR is escaped, and the line then starts with \ (coreutils 8.x-9.x). */
    static String line(String digest, String name) {
        if (name.indexOf('\\') < 0 && name.indexOf('\n') < 0 && name.indexOf('\r') < 0) {
            return digest + "  " + name;
        }
        String escaped = name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
        return "\\" + digest + "  " + escaped;
    }
}
