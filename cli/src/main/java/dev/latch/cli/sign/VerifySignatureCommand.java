package dev.latch.cli.sign;

import dev.latch.cli.support.Anchors;
import dev.latch.cli.support.CrlFiles;
import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.FileArgument;
import dev.latch.cli.support.Json;
import dev.latch.core.LatchException;
import dev.latch.core.io.Inputs;
import dev.latch.crypto.signature.SignatureCheck;
import dev.latch.crypto.signature.SignatureVerifier;
import dev.latch.crypto.signature.SignerCheck;
import dev.latch.pki.cert.Certificates;
import dev.latch.trust.Purpose;
import dev.latch.trust.TrustAnchors;
import dev.latch.trust.ValidationReport;
import dev.latch.trust.ValidationRequest;
import dev.latch.trust.Validator;
import org.bouncycastle.asn1.x509.KeyUsage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "verify-signature",
        mixinStandardHelpOptions = true,
        description = {
                "Check a detached signature (CMS SignedData, DER or PEM) against its file.",
                "",
                "Says who signed, when (the signer's own claim: no timestamp authority vouches",
                "for it), over which digest, and whether the file is the one signed: a changed",
                "byte is caught and said so. Then the signer's certificate is judged now by the",
                "same rules as 'latch verify', for the purpose it states in extKeyUsage (code",
                "signing, email protection or document signing, RFC 9336), against --ca, with",
                "the certificates the signature carries and --untrusted as intermediates.",
                "Exit codes: 0 valid and trusted, 3 not valid or not trusted, 1 unreadable input,",
                "2 usage error."},
        footer = {"", "Examples:",
                "  ${env:LATCH_COMMAND:-latch} verify-signature --ca root.pem --signature release.tar.sig release.tar",
                "  ${env:LATCH_COMMAND:-latch} verify-signature --ca root.pem --untrusted ca.pem --signature mail.p7s --json mail.txt",
                "  openssl cms -sign -binary -in FILE -signer cert.pem -inkey key.pem -outform DER -out FILE.sig"})
public final class VerifySignatureCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--ca", required = true, paramLabel = Anchors.CHOICES,
            description = "What to trust: a PEM bundle, a directory of PEM files, 'system' (the system's store), 'jdk' "
                    + "(Java's cacerts) or 'latch' (the local CA's root).")
    String ca;

    @Option(names = "--untrusted", paramLabel = "FILE",
            description = "More certificates (repeatable): intermediates, or the signer's own when the signature lacks it.")
    List<Path> untrusted = new ArrayList<>();

    @Option(names = "--signature", required = true, paramLabel = "SIG", description = "The signature file (DER or PEM).")
    Path signature;

    @Option(names = "--crl", paramLabel = "FILE", description = "Check the signer's chain for revocation against this CRL, PEM "
            + "or DER (repeatable). With any CRL given, every certificate below the root needs a current CRL of its issuer "
            + "(RFC 5280 §6.3), as with 'latch verify --crl'.")
    List<Path> crls = new ArrayList<>();

    @Option(names = "--purpose", paramLabel = SignerPurpose.CHOICES,
            description = "Judge the signer for this purpose instead of the one its certificate states.")
    String purpose;

    @Option(names = "--json", description = "Print the result as JSON: each signer's verdict, digests and trust report.")
    boolean json;

    @Parameters(paramLabel = "FILE", description = "The file that was signed (- for standard input).")
    String file;

    @Override
    public Integer call() {
        if (purpose != null) {
            SignerPurpose.parse(purpose); // a mistyped --purpose is a usage error before any file is read
        }
        TrustAnchors anchors = Anchors.of(ca);
        List<X509Certificate> extra = new ArrayList<>();
        for (Path path : untrusted) {
            extra.addAll(Certificates.read(Inputs.read(path), path.toString()));
        }
        FileArgument content = new FileArgument(file);
        SignatureCheck check;
        try (InputStream sig = Inputs.open(signature); InputStream in = content.open()) {
            check = SignatureVerifier.verify(sig, signature.toString(), in, content.label(), extra);
        } catch (IOException e) {
            throw content.cannotRead(e);
        }
        List<SignatureReport.Signer> signers = new ArrayList<>();
        for (SignerCheck signer : check.signers()) {
            Purpose judgedFor = SignerPurpose.of(signer.signer(), purpose);
            signers.add(new SignatureReport.Signer(signer, judgedFor,
                    signer.valid() ? judge(signer.signer(), judgedFor, check, extra, anchors) : null));
        }
        SignatureReport report = new SignatureReport(signature.toString(), content.label(), signers, check.certificates());
        if (json) {
            Json.print(spec.commandLine().getOut(), report.toMap());
        } else {
            spec.commandLine().getOut().print(report.toText());
            spec.commandLine().getOut().flush();
        }
        return report.trusted() ? ExitCodes.OK : ExitCodes.NOT_TRUSTED;
    }

    /** The signer's chain by trust's rules, at the present time, for the purpose its certificate states. */
    private ValidationReport judge(X509Certificate signer, Purpose judgedFor, SignatureCheck check, List<X509Certificate> extra,
                                   TrustAnchors anchors) {
        List<byte[]> intermediates = new ArrayList<>();
        try {
            for (X509Certificate certificate : check.others(signer)) {
                intermediates.add(certificate.getEncoded());
            }
            for (X509Certificate certificate : extra) {
                intermediates.add(certificate.getEncoded());
            }
            boolean[] usage = signer.getKeyUsage();
            // RFC 5280 §4.2.1.3: digitalSignature, or nonRepudiation (contentCommitment) alone for commitment signatures
            int required = usage != null && usage.length > 1 && usage[1] && !usage[0] ? KeyUsage.nonRepudiation : KeyUsage.digitalSignature;
            ValidationRequest.Builder request = ValidationRequest.builder(signer.getEncoded(), anchors).intermediates(intermediates)
                    .purpose(judgedFor).requireKeyUsage(required);
            for (Path file : crls) {
                CrlFiles.read(file).forEach(request::crl);
            }
            return Validator.validate(request.build());
        } catch (CertificateEncodingException e) {
            throw new LatchException(signature + ": a certificate in it cannot be encoded: " + e.getMessage(),
                    "the signature is damaged: get it again from the signer");
        }
    }
}
