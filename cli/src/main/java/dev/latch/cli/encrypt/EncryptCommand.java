package dev.latch.cli.encrypt;

import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.PassphraseOptions;
import dev.latch.core.LatchException;
import dev.latch.core.io.Inputs;
import dev.latch.crypto.envelope.EnvelopeEncryptor;
import dev.latch.crypto.envelope.EnvelopeRecipient;
import dev.latch.crypto.envelope.SessionKeyPath;
import dev.latch.crypto.symmetric.ContentCipher;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "encrypt",
        mixinStandardHelpOptions = true,
        description = {
                "Encrypt a file for certificates' owners or under a passphrase (CMS, RFC 5652).",
                "",
                "A fresh random session key encrypts the content (AES-256-GCM by default, in",
                "AuthEnvelopedData, RFC 5083); each recipient gets that key wrapped: RSA",
                "certificates with RSAES-OAEP (SHA-256), EC ones by ECDH (SHA-256 KDF) and",
                "AES key wrap, a passphrase by PBKDF2-HMAC-SHA256 (600,000 iterations, random",
                "salt) and AES-256-CBC (RFC 3211). Streamed: any size. Without --to, the",
                "passphrase comes from --passphrase-file, $LATCH_PASSPHRASE or a prompt;",
                "--to with --passphrase-file: each recipient and the passphrase open it.",
                "OpenSSL 3.0 opens the result: openssl cms -decrypt -inform DER -in OUT",
                "  -inkey KEY (or -pwri_password PASS)."},
        footer = {"", "Examples:",
                "  ${env:LATCH_COMMAND:-latch} encrypt --to alice.pem --to bob.pem -o report.pdf.cms report.pdf",
                "  ${env:LATCH_COMMAND:-latch} encrypt --passphrase-file pass.txt --pem -o notes.cms notes.txt",
                "  ${env:LATCH_COMMAND:-latch} encrypt -v --to alice.pem --passphrase-file pass.txt -o both.cms notes.txt"})
public final class EncryptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The file to encrypt (- for standard input).")
    String file;

    @Option(names = "--to", paramLabel = "CERT", description = "A recipient's certificate, PEM or DER; its first "
            + "certificate counts (repeatable: each one can decrypt). RSA or EC keys.")
    List<Path> to = new ArrayList<>();

    @Mixin
    PassphraseOptions passphrase;

    @Option(names = {"-o", "--out"}, paramLabel = "OUT", required = true,
            description = "Where to write the encrypted message (replaced only once complete).")
    Path out;

    @Option(names = "--pem", description = "Write PEM (-----BEGIN CMS-----) instead of DER.")
    boolean pem;

    @Option(names = "--cipher", paramLabel = "CIPHER", defaultValue = "aes-256-gcm",
            description = "The content cipher: aes-256-gcm (default), aes-128-gcm, chacha20-poly1305 (OpenSSL 3.0 "
                    + "cannot open it) or aes-256-cbc (EnvelopedData, for old readers: no tag, a change may go unnoticed).")
    String cipher;

    @Option(names = {"-v", "--verbose"}, description = "Show the session key's path: generated, wrapped for each "
            + "recipient, used for the content (never key bytes).")
    boolean verbose;

    @Override
    public Integer call() {
        ContentCipher contentCipher = ContentCipher.parse(cipher);
        List<EnvelopeRecipient> recipients = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path file : to) {
            X509Certificate certificate = Certificates.read(Inputs.read(file), file.toString()).get(0);
            recipients.add(EnvelopeRecipient.certificate(certificate));
            if (certificate.getNotAfter().toInstant().isBefore(Instant.now())) {
                notes.add("the certificate of " + certificate.getSubjectX500Principal().getName() + " (" + file + ") expired on "
                        + certificate.getNotAfter().toInstant().truncatedTo(ChronoUnit.SECONDS)
                        + ": its owner may no longer hold that key");
            }
        }
        if (to.isEmpty() || spec.commandLine().getParseResult().hasMatchedOption("--passphrase-file")) {
            recipients.add(EnvelopeRecipient.passphrase(passphrase.newPassphrase("the message")));
        }
        String source = InputFile.name(file);
        SessionKeyPath path;
        try (InputStream in = InputFile.open(file); OutputFile output = OutputFile.create(out)) {
            path = EnvelopeEncryptor.encrypt(in, output.stream(), recipients, contentCipher, pem);
            output.commit();
        } catch (IOException e) {
            throw new LatchException("cannot encrypt " + source + ": " + e.getMessage(), "check the input and the space left for " + out, e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("Encrypted " + source + " for " + recipients.stream().map(Object::toString).collect(Collectors.joining(", ")) + " with " + contentCipher.cliName() + " -> " + out
                + " (" + size(out) + " bytes, " + (pem ? "PEM" : "DER") + ")");
        if (!contentCipher.authenticated()) {
            notes.add(contentCipher.cliName() + " has no tag: a change to the message may go unnoticed");
        }
        notes.forEach(note -> stdout.println("  note: " + note));
        if (verbose) {
            stdout.print(path.toText("  session key "));
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
