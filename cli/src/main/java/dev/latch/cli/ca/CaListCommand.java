package dev.latch.cli.ca;

import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.CaHomeOption;
import dev.latch.cli.support.Json;
import dev.latch.pki.ca.LocalCa;
import dev.latch.pki.ca.RegistryEntry;
import dev.latch.pki.cert.SerialNumbers;
import dev.latch.core.keys.PassphraseSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "list",
        mixinStandardHelpOptions = true,
        description = {"List the certificates in the registry, with status (valid, expired, revoked) and expiry."})
public final class CaListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaHomeOption home;

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (LocalCa ca = LocalCa.open(home.caHome(), PassphraseSource.NONE)) {
            List<RegistryEntry> entries = ca.list();
            Instant now = Instant.now();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (RegistryEntry entry : entries) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("serial", SerialNumbers.hex(entry.serial()));
                    row.put("status", entry.statusAt(now));
                    row.put("profile", entry.profile().id());
                    row.put("subject", entry.subject());
                    row.put("names", entry.subjectAltNames().isEmpty() ? List.of()
                            : List.of(entry.subjectAltNames().split(", "))); // as the registry joined them
                    row.put("notBefore", entry.notBefore().toString());
                    row.put("notAfter", entry.notAfter().toString());
                    row.put("issuedAt", entry.issuedAt().toString());
                    row.put("revokedAt", entry.revokedAt() == null ? null : entry.revokedAt().toString());
                    row.put("revocationReason", entry.revocationReason() == null ? null : entry.revocationReason().cliName());
                    row.put("sha256", entry.sha256());
                    rows.add(row);
                }
                Json.print(out, rows);
                return ExitCodes.OK;
            }
            out.printf("%-59s  %-9s  %-10s  %-17s  %s%n", "SERIAL", "STATUS", "EXPIRES", "PROFILE", "NAMES / SUBJECT");
            for (RegistryEntry entry : entries) {
                String what = entry.subjectAltNames().isEmpty() ? entry.subject() : entry.subjectAltNames();
                out.printf("%-59s  %-9s  %-10s  %-17s  %s%n", SerialNumbers.hex(entry.serial()), entry.statusAt(now),
                        entry.notAfter().truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10), entry.profile().id(), what);
            }
            out.println(entries.size() + " certificate" + (entries.size() == 1 ? "" : "s") + " in " + ca.registry().url());
            return ExitCodes.OK;
        }
    }
}
