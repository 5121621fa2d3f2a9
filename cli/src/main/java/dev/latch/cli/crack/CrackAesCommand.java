package dev.latch.cli.crack;

import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.Json;
import dev.latch.cli.support.ProgressBar;
import dev.latch.crypto.bruteforce.Budget;
import dev.latch.crypto.bruteforce.ExhaustionTable;
import dev.latch.crypto.bruteforce.KeySearch;
import dev.latch.crypto.bruteforce.KeySpace;
import dev.latch.crypto.bruteforce.KnownBlock;
import dev.latch.crypto.bruteforce.SearchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

@Command(name = "aes",
        mixinStandardHelpOptions = true,
        description = {
                "Brute-force an AES-128 key whose last N bits are unknown, and time longer keys.",
                "",
                "Given the key's first 128-N bits (--key; its last N bits are ignored) and a",
                "known plaintext block with its ciphertext, tries the 2^N keys on every core",
                "(the JDK's AES: one key schedule and one block per key) until one encrypts",
                "the plaintext to the ciphertext. A second --plaintext/--ciphertext pair rules",
                "out a key that matches the first by chance. Without --key, --plaintext and",
                "--ciphertext: a demo, with a random key and block planted (said so).",
                "Then the keys per second measured here, and at that rate the time to try",
                "half (average) and all (worst) of a 40-, 56-, 64-, 80- and 128-bit key space",
                "(the table of HTTP: The Definitive Guide, §14.3.1), for this machine,",
                "--machines like it, and --rate (a given hardware's keys per second).",
                "A progress bar shows on stderr when it is a terminal; Ctrl-C stops the",
                "search and still reports the keys tried, the rate and the table.",
                "Exit codes: 0 key found, 1 no key in the space (or stopped), 2 usage error."},
        footer = {"", "Examples:",
                "  ${env:LATCH_COMMAND:-latch} crack aes                 a planted demo, 2^24 keys",
                "  ${env:LATCH_COMMAND:-latch} crack aes --unknown-bits 28 --machines 1000000 --rate 1e12",
                "  ${env:LATCH_COMMAND:-latch} crack aes --unknown-bits 20 \\",
                "      --key 2b7e151628aed2a6abf7158809c00000 \\",
                "      --plaintext 6bc1bee22e409f96e93d7e117393172a \\",
                "      --ciphertext 3ad77bb40d7a3660a89ecaf32466ef97"})
public final class CrackAesCommand implements Callable<Integer> {
    private static final Duration REDRAW = Duration.ofMillis(100);

    @Spec
    CommandSpec spec;

    @Option(names = "--unknown-bits", paramLabel = "N", defaultValue = "24",
            description = "How many of the key's last bits are unknown: 2^N keys to try, 1 to " + KeySpace.MAX_UNKNOWN_BITS
                    + " (default ${DEFAULT-VALUE}).")
    int unknownBits;

    @Option(names = "--key", paramLabel = "HEX", description = "The known part of the key: 32 hex digits, its last N bits any.")
    String key;

    @Option(names = "--plaintext", paramLabel = "HEX", description = "A known plaintext block (32 hex digits); "
            + "give it twice, with two --ciphertext, for a second pair.")
    List<String> plaintexts = new ArrayList<>();

    @Option(names = "--ciphertext", paramLabel = "HEX", description = "The ciphertext of that block under the key sought "
            + "(32 hex digits; AES-128, one block as ECB would give it).")
    List<String> ciphertexts = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "Threads searching (default: the processors, here ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--machines", paramLabel = "M", defaultValue = "1000",
            description = "The table's second row: M machines like this one (default ${DEFAULT-VALUE}).")
    long machines;

    @Option(names = "--rate", paramLabel = "KEYS_PER_S",
            description = "The table's third row: given hardware's keys per second (e.g. 1e12).")
    Double rate;

    @Option(names = "--json", description = "Print the result and the table as JSON.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        check();
        byte[] planted = null;
        KeySpace space;
        List<KnownBlock> blocks = new ArrayList<>();
        if (key == null) {
            SecureRandom random = new SecureRandom();
            planted = new byte[KeySpace.KEY_BYTES];
            random.nextBytes(planted);
            byte[] plaintext = new byte[KnownBlock.BLOCK_BYTES];
            random.nextBytes(plaintext);
            space = new KeySpace(planted, unknownBits);
            blocks.add(KnownBlock.encryptedUnder(planted, plaintext));
        } else {
            space = new KeySpace(HexBlock.parse("--key", key), unknownBits);
            for (int i = 0; i < plaintexts.size(); i++) {
                blocks.add(new KnownBlock(HexBlock.parse("--plaintext", plaintexts.get(i)), HexBlock.parse("--ciphertext", ciphertexts.get(i))));
            }
        }
        KeySearch search = KeySearch.start(space, blocks, threads);
        StopHook stop = new StopHook(search);
        try {
            return report(space, blocks, planted, await(search));
        } finally {
            search.cancel();
            stop.close();
        }
    }

    private int report(KeySpace space, List<KnownBlock> blocks, byte[] planted, SearchResult result) {
        List<Budget> budgets = new ArrayList<>();
        if (result.tried() > 0) {
            Budget machine = new Budget("this machine (" + result.threads() + " thread" + (result.threads() == 1 ? ")" : "s)"),
                    result.steadyKeysPerSecond());
            budgets.add(machine);
            budgets.add(machine.times(machines, String.format(Locale.ROOT, "%,d machines like it", machines)));
        }
        if (rate != null) {
            budgets.add(new Budget("given hardware (--rate)", rate));
        }
        CrackReport report = new CrackReport(space, blocks, planted, result, ExhaustionTable.of(budgets, ExhaustionTable.SEED_KEY_BITS));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, report.toMap());
        } else {
            out.print(report.toText());
            out.flush();
        }
        return result.outcome() == SearchResult.Outcome.FOUND ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private void check() {
        if (unknownBits < 1 || unknownBits > KeySpace.MAX_UNKNOWN_BITS) {
            throw new IllegalArgumentException("--unknown-bits must be 1 to " + KeySpace.MAX_UNKNOWN_BITS + ", not " + unknownBits
                    + " (the table says how long larger key spaces take)");
        }
        if (threads < 1 || threads > 4096) {
            throw new IllegalArgumentException("--threads must be 1 to 4096, not " + threads);
        }
        if (machines < 1) {
            throw new IllegalArgumentException("--machines must be at least 1, not " + machines);
        }
        if (rate != null && !(rate > 0 && rate < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("--rate must be a positive number of keys per second, not " + rate);
        }
        boolean anyGiven = key != null || !plaintexts.isEmpty() || !ciphertexts.isEmpty();
        if (anyGiven && (key == null || plaintexts.isEmpty() || ciphertexts.isEmpty())) {
            throw new IllegalArgumentException("give --key, --plaintext and --ciphertext together (or none of them, for a planted demo)");
        }
        if (plaintexts.size() != ciphertexts.size()) {
            throw new IllegalArgumentException("give as many --ciphertext as --plaintext (" + plaintexts.size() + " and "
                    + ciphertexts.size() + "): each pair is one known block");
        }
    }

    /** The bar of keys tried: from the first key on, when stderr is a terminal. */
    static ProgressBar progressBar(PrintWriter err, LongSupplier clock, BooleanSupplier terminal) {
        return new ProgressBar(err, clock, terminal, 0, KeyCounts::keys);
    }

    /** Waits for the search's end, with a progress bar on a terminal. */
    private SearchResult await(KeySearch search) throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        err.println(String.format(Locale.ROOT, "latch crack aes: trying 2^%d keys on %d thread%s (Ctrl-C stops and reports)",
                unknownBits, search.threads(), search.threads() == 1 ? "" : "s"));
        err.flush();
        ProgressBar bar = progressBar(err, System::nanoTime, () -> ProgressBar.wanted(false));
        bar.expect(search.total());
        long shown = 0;
        SearchResult result;
        while ((result = search.await(REDRAW)) == null) {
            long tried = search.tried();
            bar.add(tried - shown);
            shown = tried;
        }
        bar.add(result.tried() - shown);
        bar.finish();
        return result;
    }
}
