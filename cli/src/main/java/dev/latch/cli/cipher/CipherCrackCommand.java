package dev.latch.cli.cipher;

import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.Json;
import dev.latch.core.UsageException;
import dev.latch.crypto.classic.Alphabet;
import dev.latch.crypto.classic.CipherKind;
import dev.latch.crypto.classic.crack.Candidate;
import dev.latch.crypto.classic.crack.CrackReport;
import dev.latch.crypto.classic.crack.Cracker;
import dev.latch.crypto.classic.crack.LanguageModel;
import dev.latch.crypto.classic.crack.RotationCracker;
import dev.latch.crypto.classic.crack.SubstitutionCracker;
import dev.latch.crypto.classic.crack.VigenereCracker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "crack",
        mixinStandardHelpOptions = true,
        description = {
                "Break a classic cipher without its key: the enumeration attack.",
                "",
                "rot: every rotation is tried. vigenere: the key's length is found from how often "
                        + "letters coincide (index of coincidence) and where runs of letters repeat (Kasiski), "
                        + "then each letter of the key as a rotation. substitution: hill climbing, swapping "
                        + "two letters of the key while the text gets more like the language, from several starts.",
                "",
                "Candidates are ranked by their score: the mean log10 probability of the decoded "
                        + "text's n-grams (runs of 4 letters for English) in the language. Higher is better: "
                        + "English text scores about -4, letters in no language about -7.",
                "",
                "A language table (--language) is a UTF-8 text file: '#' comment lines, then "
                        + "'alphabet LETTERS' (as --alphabet), then one 'NGRAM COUNT' per line "
                        + "(e 213564, tion 3993). Single letters give the letter frequencies; the longest "
                        + "n-grams score. 'latch cipher table CORPUS' counts one in a text of the language."},
        footer = {"", "Example:", "  ${env:LATCH_COMMAND:-latch} cipher crack --cipher vigenere --top 3 - < secret.txt"})
public final class CipherCrackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cipher", required = true, paramLabel = "CIPHER", description = "rot, substitution or vigenere.")
    String cipher;

    @Option(names = "--language", paramLabel = "FILE",
            description = "A language table (format above). Default: English, built in.")
    Path language;

    @Option(names = "--alphabet", paramLabel = "LETTERS",
            description = "The cipher's alphabet (as for encode). Default: the language's (a-z for English).")
    String alphabet;

    @Option(names = "--top", paramLabel = "N", defaultValue = "5", description = "How many candidates to show, best first (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--max-key-length", paramLabel = "N", defaultValue = "20",
            description = "vigenere: the longest key to look for (default ${DEFAULT-VALUE}).")
    int maxKeyLength;

    @Option(names = "--seed", paramLabel = "N",
            description = "substitution: the seed of the random starts, to repeat a run (default: a fresh one, printed).")
    Long seed;

    @Option(names = "--starts", paramLabel = "N", defaultValue = "20",
            description = "substitution: how many climbs, the first from letter frequencies (default ${DEFAULT-VALUE}).")
    int starts;

    @Option(names = "--json", description = "Print the candidates as JSON.")
    boolean json;

    @Mixin
    TextInput text;

    @Override
    public Integer call() {
        CipherKind kind = CipherKind.parse(cipher);
        positive("--top", top);
        positive("--max-key-length", maxKeyLength);
        positive("--starts", starts);
        LanguageModel model = language == null ? LanguageModel.english() : LanguageModel.read(language);
        if (alphabet != null && !Alphabet.parse(alphabet).equals(model.alphabet())) {
            throw new UsageException("--alphabet " + alphabet + " is not the language table's alphabet (" + model.alphabet().spec() + ")",
                    "give a table counted in the cipher's alphabet (see 'latch cipher table --help')");
        }
        long usedSeed = seed != null ? seed : new SecureRandom().nextLong() >>> 1;
        Cracker cracker = switch (kind) {
            case ROT -> new RotationCracker(model);
            case VIGENERE -> new VigenereCracker(model, maxKeyLength);
            case SUBSTITUTION -> new SubstitutionCracker(model, usedSeed, starts);
        };
        CrackReport report = cracker.crack(text.read(), top);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> json = json(report);
            if (kind == CipherKind.SUBSTITUTION) {
                json.put("seed", usedSeed);
            }
            Json.print(out, json);
            return ExitCodes.OK;
        }
        out.println(kind.cliName() + " against " + report.language() + ": " + report.method());
        int keyWidth = Math.max(3, report.candidates().stream().mapToInt(c -> c.key().length()).max().orElse(0));
        out.printf("%3s  %6s  %-" + keyWidth + "s  %s%n", "#", "SCORE", "KEY", "PLAINTEXT");
        for (int i = 0; i < report.candidates().size(); i++) {
            Candidate candidate = report.candidates().get(i);
            out.printf("%3d  %6s  %-" + keyWidth + "s  %s%n", i + 1, score(candidate.score()), candidate.key(), preview(candidate.plaintext()));
        }
        out.println();
        out.println("best, key " + report.best().key() + ":");
        out.println(report.best().plaintext().stripTrailing());
        out.flush();
        return ExitCodes.OK;
    }

    private static void positive(String option, int value) {
        if (value < 1) {
            throw new UsageException(option + " " + value + " is not a count", "give a whole number of 1 or more");
        }
    }

    private static String score(double score) {
        return String.format(Locale.ROOT, "%.2f", score);
    }

    /** The start of a text on one line. */
    private static String preview(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.codePointCount(0, line.length()) <= 60 ? line : line.substring(0, line.offsetByCodePoints(0, 59)) + "…";
    }

    private static Map<String, Object> json(CrackReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("cipher", report.cipher().cliName());
        root.put("language", report.language());
        root.put("method", report.method());
        root.put("keysTried", report.keysTried());
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (Candidate candidate : report.candidates()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", candidate.key());
            row.put("score", Math.round(candidate.score() * 1000) / 1000.0);
            row.put("plaintext", candidate.plaintext());
            candidates.add(row);
        }
        root.put("candidates", candidates);
        return root;
    }
}
