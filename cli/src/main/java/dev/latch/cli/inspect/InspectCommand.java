package dev.latch.cli.inspect;

import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.Json;
import dev.latch.cli.support.TreeText;
import dev.latch.pki.inspect.Inspector;
import dev.latch.core.io.Inputs;
import dev.latch.core.pem.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
                "Show every field of certificates, CSRs and CRLs (PEM or DER).",
                "",
                "For each item in the input: version, serial, signature algorithm, issuer,",
                "validity, subject, public key, unique IDs, extensions with their critical",
                "flag, and the SHA-256 fingerprint. Private keys are named, never shown."})
public final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A PEM or DER file, or - for standard input.")
    String file;

    @Option(names = "--json", description = "Print a JSON array with one object per item.")
    boolean json;

    @Override
    public Integer call() {
        byte[] data;
        String source;
        if (file.equals("-")) {
            source = "standard input";
            data = Inputs.read(System.in, source);
        } else {
            source = file;
            data = Inputs.read(Path.of(file));
        }
        List<Object> objects = Pem.read(data, source);
        Inspector inspector = new Inspector(Instant.now());
        List<Map<String, Object>> descriptions = new ArrayList<>();
        for (Object object : objects) {
            descriptions.add(inspector.describe(object, source));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, descriptions);
            return ExitCodes.OK;
        }
        for (int i = 0; i < descriptions.size(); i++) {
            if (descriptions.size() > 1) {
                out.println((i > 0 ? "\n" : "") + "[" + (i + 1) + "/" + descriptions.size() + "]");
            }
            TreeText.print(out, descriptions.get(i), descriptions.size() > 1 ? 2 : 0);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
