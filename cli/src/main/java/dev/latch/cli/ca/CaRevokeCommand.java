package dev.latch.cli.ca;

import dev.latch.cli.support.CommandName;
import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.CaHomeOption;
import dev.latch.cli.support.Json;
import dev.latch.cli.support.PassphraseOptions;
import dev.latch.pki.ca.LocalCa;
import dev.latch.pki.ca.RegistryEntry;
import dev.latch.pki.ca.RevocationReason;
import dev.latch.pki.cert.SerialNumbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "revoke",
        mixinStandardHelpOptions = true,
        description = {"Mark a certificate revoked in the registry. Publish the change with 'latch ca crl'."})
public final class CaRevokeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaHomeOption home;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(paramLabel = "SERIAL", description = "Serial number in hex, as 'latch ca list' or openssl prints it (colons optional).")
    BigInteger serial;

    @Option(names = "--reason", paramLabel = "REASON", defaultValue = "unspecified",
            description = "unspecified (default), key-compromise, ca-compromise, affiliation-changed, superseded, "
                    + "cessation-of-operation, certificate-hold, privilege-withdrawn.")
    RevocationReason reason;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (LocalCa ca = LocalCa.open(home.caHome(), passphrase.source())) {
            RegistryEntry entry = ca.revoke(serial, reason);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("serial", SerialNumbers.hex(entry.serial()));
                result.put("subject", entry.subject());
                result.put("revokedAt", entry.revokedAt().toString());
                result.put("reason", entry.revocationReason().cliName());
                Json.print(out, result);
            } else {
                out.println("Revoked " + SerialNumbers.hex(entry.serial()) + " (" + entry.subject() + ") as "
                        + entry.revocationReason().cliName() + " at " + entry.revokedAt());
                out.println("Next: publish it with '" + CommandName.get() + " ca crl" + (entry.profile().isCa() ? " --root'" : "'"));
            }
            return ExitCodes.OK;
        }
    }
}
