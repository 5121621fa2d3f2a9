package dev.latch.cli.cipher;

import dev.latch.cli.support.ExitCodes;
import dev.latch.core.UsageException;
import dev.latch.core.io.Inputs;
import dev.latch.crypto.classic.Alphabet;
import dev.latch.crypto.classic.crack.LanguageTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "table",
        mixinStandardHelpOptions = true,
        description = {
                "Count a language's letters and n-grams for 'crack --language'.",
                "",
                "Reads the files (UTF-8) as the alphabet's letters one after the other, everything "
                        + "else left out and the case folded, and prints each letter and each run of --length "
                        + "letters with its count, in the format 'latch cipher crack --help' describes. "
                        + "The more text, the better: a few hundred kilobytes at least."},
        footer = {"", "Example:", "  ${env:LATCH_COMMAND:-latch} cipher table --alphabet hangul --length 2 korean/*.txt > korean.ngrams"})
public final class CipherTableCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Text in the language, or - for standard input.")
    List<String> files;

    @Option(names = "--alphabet", paramLabel = "LETTERS", defaultValue = "latin",
            description = "The letters to count (as for encode; default latin, a-z).")
    String alphabet;

    @Option(names = "--length", paramLabel = "N", defaultValue = "4",
            description = "The n-grams' length (default ${DEFAULT-VALUE}; 2 suits a large alphabet such as Hangul).")
    int length;

    @Option(names = "--min-count", paramLabel = "N", defaultValue = "1",
            description = "Leave out n-grams counted fewer times (default ${DEFAULT-VALUE}): a smaller table.")
    long minCount;

    @Override
    public Integer call() {
        Alphabet letters = Alphabet.parse(alphabet);
        if (minCount < 1) {
            throw new UsageException("--min-count " + minCount + " is not a count", "give a whole number of 1 or more");
        }
        List<String> corpus = new ArrayList<>();
        for (String file : files) {
            corpus.add(file.equals("-") ? TextInput.utf8(System.in, "standard input")
                    : TextInput.utf8(Inputs.read(Path.of(file)), file));
        }
        LanguageTable table = LanguageTable.derive(letters, length, corpus).withoutRare(minCount);
        PrintWriter out = spec.commandLine().getOut();
        List<String> comments = new ArrayList<>();
        comments.add("Latch language table: letter and " + length + "-gram counts, for 'latch cipher crack --language FILE'");
        comments.add("counted by 'latch cipher table --alphabet " + letters.spec() + " --length " + length + " --min-count " + minCount
                + "' in " + files.size() + " file" + (files.size() == 1 ? "" : "s"));
        table.write(out, comments);
        out.flush();
        return ExitCodes.OK;
    }
}
