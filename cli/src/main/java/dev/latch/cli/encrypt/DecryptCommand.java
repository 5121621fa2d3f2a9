package dev.latch.cli.encrypt;

import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.PassphraseOptions;
import dev.latch.core.LatchException;
import dev.latch.core.io.Inputs;
import dev.latch.core.keys.PrivateKeys;
import dev.latch.crypto.envelope.AttributesAfterContentException;
import dev.latch.crypto.envelope.DecryptionSecret;
import dev.latch.crypto.envelope.EnvelopeDecryptor;
import dev.latch.crypto.envelope.SessionKeyPath;
import dev.latch.pki.cert.Certificates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;

@Command(name = "decrypt",
        mixinStandardHelpOptions = true,
        description = {
                "Decrypt a CMS message that 'latch encrypt' or 'openssl cms -encrypt' wrote.",
                "",
                "With --key, the recipient's private key opens it (--cert picks the recipient",
                "by its certificate; without it every recipient of the key's type is tried);",
                "the key's own passphrase, if it has one, comes from --passphrase-file,",
                "$LATCH_PASSPHRASE or a prompt. Without --key, the message's passphrase does.",
                "The plaintext goes to a temporary file (mode 0600) beside OUT, renamed to OUT",
                "only after the authentication tag verified: a changed or cut message, a wrong",
                "passphrase or key, writes nothing. DER or PEM input; any size."},
        footer = {"", "Examples:",
                "  ${env:LATCH_COMMAND:-latch} decrypt --key alice.key -o report.pdf report.pdf.cms",
                "  ${env:LATCH_COMMAND:-latch} decrypt --key alice.key --cert alice.pem -v -o report.pdf report.pdf.cms",
                "  ${env:LATCH_COMMAND:-latch} decrypt --passphrase-file pass.txt -o notes.txt notes.cms"})
public final class DecryptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The encrypted message, DER or PEM (- for standard input).")
    String file;

    @Option(names = "--key", paramLabel = "KEY", description = "The recipient's private key (PEM or DER, RSA or EC; "
            + "encrypted keys are asked their passphrase).")
    Path key;

    @Option(names = "--cert", paramLabel = "CERT", description = "With --key: the recipient's certificate, to pick its "
            + "recipient in the message.")
    Path cert;

    @Mixin
    PassphraseOptions passphrase;

    @Option(names = {"-o", "--out"}, paramLabel = "OUT", required = true,
            description = "Where to write the plaintext (mode 0600; written only once the message proved intact).")
    Path out;

    @Option(names = {"-v", "--verbose"}, description = "Show the session key's path: whose recipient unwrapped it "
            + "and how, and the content's cipher, nonce and tag (never key bytes).")
    boolean verbose;

    @Override
    public Integer call() {
        if (cert != null && key == null) {
            throw new IllegalArgumentException("--cert goes with --key: give the recipient's private key too");
        }
        DecryptionSecret secret = secret();
        String source = InputFile.name(file);
        SessionKeyPath path;
        try {
            path = decrypt(InputFile.size(file), source, secret);
        } catch (AttributesAfterContentException e) {
            path = decrypt(-1, source, secret); // BouncyCastle's GCM checks them, reading the file again
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("Decrypted " + source + " -> " + out + " (" + EncryptCommand.size(out) + " bytes)");
        if (verbose) {
            stdout.print(path.toText("  session key "));
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    /** Decrypts {@link #file}, {@code size} bytes (-1: unknown), into a temporary file renamed to {@link #out} at the end. */
    private SessionKeyPath decrypt(long size, String source, DecryptionSecret secret) {
        try (InputStream in = InputFile.open(file); OutputFile output = OutputFile.create(out)) {
            SessionKeyPath path = EnvelopeDecryptor.decrypt(in, size, source, secret, output.stream());
            output.commit();
            return path;
        } catch (IOException e) {
            throw new LatchException("cannot decrypt " + source + ": " + e.getMessage(), "nothing was written", e);
        }
    }

    private DecryptionSecret secret() {
        if (key != null) {
            X509Certificate certificate = cert == null ? null
                    : Certificates.read(Inputs.read(cert), cert.toString()).get(0);
            return DecryptionSecret.key(PrivateKeys.read(Inputs.read(key), key.toString(), passphrase.source()), certificate);
        }
        char[] secret = passphrase.source().passphraseFor("the message " + InputFile.name(file));
        if (secret == null) {
            throw new LatchException("a passphrase or a key is needed to decrypt " + InputFile.name(file),
                    "pass --passphrase-file FILE, set " + PassphraseOptions.ENVIRONMENT + ", or give --key");
        }
        return DecryptionSecret.passphrase(secret);
    }
}
