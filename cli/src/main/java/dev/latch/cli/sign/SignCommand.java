package dev.latch.cli.sign;

import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.FileArgument;
import dev.latch.cli.support.PassphraseOptions;
import dev.latch.core.io.AtomicFiles;
import dev.latch.core.io.Inputs;
import dev.latch.core.keys.PrivateKeys;
import dev.latch.crypto.cms.CmsArmor;
import dev.latch.crypto.signature.DetachedSigner;
import dev.latch.crypto.signature.SignedFile;
import dev.latch.pki.cert.Certificates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "sign",
        mixinStandardHelpOptions = true,
        description = {
                "Sign a file: a detached CMS signature (RFC 5652) that openssl cms -verify reads.",
                "",
                "The file is digested as it is read (any size); the signature covers the digest,",
                "the signing time and the algorithms used, and carries the signer's certificate",
                "and the intermediates in CERT, so a verifier needs only the root. The digest",
                "follows the key: SHA-256 for EC P-256 and RSA, SHA-384 for P-384, SHA-512 for",
                "Ed25519 (RFC 8419; OpenSSL 3.0 cannot check Ed25519 CMS signatures).",
                "Check it with: ${env:LATCH_COMMAND:-latch} verify-signature --ca ROOT --signature SIG FILE"},
        footer = {"", "Examples:",
                "  ${env:LATCH_COMMAND:-latch} sign --cert signer.pem --key signer-key.pem -o release.tar.sig release.tar",
                "  ${env:LATCH_COMMAND:-latch} sign --cert signer.pem --key signer-key.pem --pem -o report.pdf.p7s report.pdf",
                "  openssl cms -verify -binary -inform DER -in release.tar.sig -content release.tar -CAfile root.pem -purpose any -out /dev/null"})
public final class SignCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cert", required = true, paramLabel = "CERT",
            description = "The signer's certificate (PEM or DER), then any intermediates: all go into the signature.")
    Path certificate;

    @Option(names = "--key", required = true, paramLabel = "KEY",
            description = "The signer's private key (PEM or DER, PKCS#8 or OpenSSL's; an encrypted key asks for its passphrase).")
    Path key;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "SIG", description = "Where to write the signature (replaced if it exists).")
    Path out;

    @Option(names = "--pem", description = "Write the signature as PEM (-----BEGIN CMS-----) instead of DER.")
    boolean pem;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(paramLabel = "FILE", description = "The file to sign (- for standard input).")
    String file;

    @Override
    public Integer call() {
        List<X509Certificate> chain = Certificates.read(Inputs.read(certificate), certificate.toString());
        PrivateKey privateKey = PrivateKeys.read(Inputs.read(key), key.toString(), passphrase.source());
        DetachedSigner signer = new DetachedSigner(privateKey, chain);
        X509Certificate leaf = chain.get(0);
        Instant now = Instant.now();
        PrintWriter err = spec.commandLine().getErr();
        if (now.isAfter(leaf.getNotAfter().toInstant()) || now.isBefore(leaf.getNotBefore().toInstant())) {
            err.println("latch sign: warning: " + certificate + " is valid from " + leaf.getNotBefore().toInstant() + " to "
                    + leaf.getNotAfter().toInstant() + ", not now: verifiers will not trust this signature");
        }
        FileArgument input = new FileArgument(file);
        ByteArrayOutputStream signature = new ByteArrayOutputStream();
        SignedFile signed;
        try (InputStream in = input.open(); OutputStream armored = CmsArmor.armored(signature, pem)) {
            signed = signer.sign(in, armored, now);
        } catch (IOException e) {
            throw input.cannotRead(e);
        }
        AtomicFiles.write(out, signature.toByteArray(), false);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("signed " + input.label() + " as " + leaf.getSubjectX500Principal().getName() + " at " + signed.signingTime());
        stdout.println("  digest    " + signed.algorithm().digest().jcaName() + " " + HexFormat.of().formatHex(signed.digest()));
        stdout.println("  key       " + signed.algorithm().key() + " (" + signed.algorithm().jcaName() + ")");
        stdout.println("  wrote     " + out + " (detached CMS SignedData, " + (pem ? "PEM" : "DER") + ", with " + chain.size()
                + (chain.size() == 1 ? " certificate)" : " certificates)"));
        stdout.flush();
        return ExitCodes.OK;
    }
}
