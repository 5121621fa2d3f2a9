package dev.latch.cli.key;

import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.PassphraseOptions;
import dev.latch.core.UsageException;
import dev.latch.crypto.keys.KeyDescription;
import dev.latch.crypto.keys.KeyFile;
import dev.latch.crypto.keys.PublicKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;

@Command(name = "public",
        mixinStandardHelpOptions = true,
        description = {
                "Write the public key of a private key: the half you hand out.",
                "",
                "Worked out from the private key itself (PKCS#8 or OpenSSL's forms, PEM or DER;",
                "an encrypted one needs its passphrase) and written as PEM PUBLIC KEY",
                "(SubjectPublicKeyInfo), as openssl pkey -pubout writes it: to standard output,",
                "or to PUB (mode 0644; an existing file is replaced only with --force)."})
public final class KeyPublicCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(paramLabel = "KEY", description = "The private key file (a public key is copied as it is), or - for standard input.")
    String key;

    @Option(names = {"-o", "--out"}, paramLabel = "PUB", description = "Write the public key to PUB instead of standard output.")
    Path out;

    @Option(names = "--force", description = "Replace PUB if it exists.")
    boolean force;

    @Override
    public Integer call() {
        if (out != null) {
            if (!key.equals("-") && KeyOutput.sameFile(Path.of(key), out)) {
                throw new UsageException(out + ": is the key file itself; its public key would replace the private key",
                        "give -o another name");
            }
            KeyOutput.checkWritable(out, force);
        }
        KeyFile file = KeyInput.read(key, passphrase.source());
        PublicKey publicKey = file.requirePublicKey();
        String pem = PublicKeys.toPem(publicKey);
        if (out == null) {
            spec.commandLine().getOut().print(pem);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        KeyOutput.write(out, pem, false, force);
        KeyDescription description = KeyDescription.of(publicKey);
        spec.commandLine().getOut().println("Wrote the public key of " + file.source() + " to " + out + " ("
                + description.name() + ", SHA-256 " + description.sha256() + ")");
        return ExitCodes.OK;
    }
}
