package dev.latch.cli.cipher;

import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.Json;
import dev.latch.core.UsageException;
import dev.latch.crypto.classic.KeyCounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "keys",
        mixinStandardHelpOptions = true,
        description = {
                "How many keys N parties need to talk to each other privately.",
                "",
                "With a symmetric cipher every pair of parties shares a secret key: "
                        + "N(N-1)/2 keys in all, N-1 kept secret by each party. With public-key ciphers each party has "
                        + "one key pair: N pairs, one private key per party, the public halves published for anyone."},
        footer = {"", "Example:", "  ${env:LATCH_COMMAND:-latch} cipher keys 10 1000 1000000"})
public final class CipherKeysCommand implements Callable<Integer> {
    /** Room for any count a person means, small enough for a table. */
    private static final int MAX_DIGITS = 30;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "N", description = "How many parties (a whole number of 1 or more; several for a table).")
    List<String> counts;

    @Option(names = "--json", description = "Print the numbers as JSON (exact integers).")
    boolean json;

    @Override
    public Integer call() {
        List<KeyCounts> rows = new ArrayList<>();
        for (String count : counts) {
            rows.add(new KeyCounts(parties(count)));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> json = new ArrayList<>();
            for (KeyCounts row : rows) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("parties", row.nodes());
                entry.put("sharedSecretKeys", row.sharedSecretKeys());
                entry.put("secretKeysPerParty", row.secretKeysPerParty());
                entry.put("keyPairs", row.keyPairs());
                json.add(entry);
            }
            Json.print(out, json);
            return ExitCodes.OK;
        }
        String[] header = {"PARTIES N", "SHARED SECRET KEYS N(N-1)/2", "SECRET KEYS PER PARTY", "PUBLIC-KEY PAIRS N"};
        List<String[]> table = new ArrayList<>();
        table.add(header);
        for (KeyCounts row : rows) {
            table.add(new String[] {grouped(row.nodes()), grouped(row.sharedSecretKeys()), grouped(row.secretKeysPerParty()), grouped(row.keyPairs())});
        }
        int[] widths = new int[header.length];
        for (String[] line : table) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : table) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                text.append(i == 0 ? "" : "  ").append(" ".repeat(widths[i] - line[i].length())).append(line[i]);
            }
            out.println(text);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static BigInteger parties(String text) {
        String digits = text.strip().replace("_", "").replace(",", "");
        if (!digits.matches("[0-9]{1," + MAX_DIGITS + "}") || new BigInteger(digits).signum() == 0) {
            throw new UsageException("'" + text + "' is not a number of parties", "give whole numbers of 1 or more, such as 10 100 1000");
        }
        return new BigInteger(digits);
    }

    private static String grouped(BigInteger value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
