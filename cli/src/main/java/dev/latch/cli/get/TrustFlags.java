package dev.latch.cli.get;

import dev.latch.cli.support.CrlFiles;
import dev.latch.cli.support.LocalCaRoot;
import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.trust.Pins;
import dev.latch.client.trust.TrustOptions;
import dev.latch.core.LatchException;
import dev.latch.trust.TrustAnchors;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Whom to trust and how hard to look: roots, pins, revocation, missing intermediates, {@code --insecure}. */
final class TrustFlags {

    @Option(names = "--cacert", paramLabel = "FILE", description = "Trust the roots in FILE (PEM or DER) instead of the system's.", order = 40)
    Path cacert;

    @Option(names = "--capath", paramLabel = "DIR", description = "Trust the certificates in DIR (*.pem, *.crt, *.cer, and the HASH.N files of an OpenSSL hashed directory) instead of the system's.", order = 41)
    Path capath;

    @Option(names = "--local-ca", description = "Trust the local CA's root ($LATCH_HOME/ca/root.pem), as 'latch serve' uses it.", order = 42)
    boolean localCa;

    @Option(names = {"--pinnedpubkey", "--pin"}, paramLabel = "sha256//BASE64",
            description = "Also require the server's public key to be this one (SHA-256 of its SubjectPublicKeyInfo, "
                    + "RFC 7469; several joined by ';' or the option repeated: any one matches). Exit 90 otherwise.", order = 43)
    List<String> pins = new ArrayList<>();

    @Option(names = {"-k", "--insecure"}, description = "Go on even when the server's certificate is not trusted; the "
            + "verdict is still made and shown, and a warning printed every time.", order = 44)
    boolean insecure;

    @Option(names = "--crl", paramLabel = "FILE", description = "Check revocation against this CRL, PEM or DER (repeatable).", order = 45)
    List<Path> crls = new ArrayList<>();

    @Option(names = "--crl-fetch", description = "Fetch each certificate's CRL from its distribution point and check revocation.", order = 46)
    boolean crlFetch;

    @Option(names = "--fetch-intermediates", description = "Fetch intermediates the server does not send from the "
            + "certificate's AIA 'CA Issuers' URL, as browsers do (and say so).", order = 47)
    boolean fetchIntermediates;

    /** The pins as given, one per entry, checked for form by the client's own reading of them ({@link Pins}). */
    List<String> pins() {
        List<String> all = pins.stream().flatMap(option -> Arrays.stream(option.split(";"))).map(String::strip).toList();
        try {
            Pins.parse(all);
        } catch (LatchException e) {
            throw new IllegalArgumentException("--pin: " + e.oneLine());
        }
        return all;
    }

    /**
     * @param diagnose fetch a missing intermediate even without --fetch-intermediates, only to say whether it would
     *                 complete the chain (-v's and --json's diagnosis; the verdict stays on the chain as sent)
     */
    TrustOptions options(boolean diagnose) {
        List<String> checkedPins = pins();
        TrustOptions.Builder builder = TrustOptions.builder(anchors())
                .insecure(insecure)
                .fetchCrls(crlFetch)
                .fetchIntermediates(fetchIntermediates)
                .diagnoseIntermediates(diagnose);
        checkedPins.forEach(builder::pin);
        for (Path file : crls) {
            try {
                CrlFiles.read(file).forEach(builder::crl);
            } catch (LatchException e) {
                throw new ClientFailure(FailureKind.CA_FILE, "--crl " + e.getMessage(), "give a CRL file, PEM or DER");
            }
        }
        return builder.build();
    }

    /** The system's roots, or exactly those of --cacert, --capath and --local-ca together. */
    private TrustAnchors anchors() {
        List<TrustAnchors> given = new ArrayList<>();
        try {
            if (cacert != null) {
                given.add(TrustAnchors.fromPath(cacert));
            }
            if (capath != null) {
                given.add(TrustAnchors.fromPath(capath));
            }
            if (localCa) {
                given.add(LocalCaRoot.anchors("--cacert FILE"));
            }
            if (given.isEmpty()) {
                return TrustAnchors.system();
            }
        } catch (LatchException e) {
            throw new ClientFailure(FailureKind.CA_FILE, e.getMessage(), e.hint() == null ? "check --cacert/--capath" : e.hint());
        }
        if (given.size() == 1) {
            return given.get(0);
        }
        List<byte[]> ders = new ArrayList<>();
        for (TrustAnchors anchors : given) {
            for (X509Certificate certificate : anchors.x509Certificates()) {
                try {
                    ders.add(certificate.getEncoded());
                } catch (CertificateEncodingException e) {
                    throw new IllegalStateException("a parsed anchor cannot be encoded", e);
                }
            }
        }
        return TrustAnchors.of(String.join(" + ", given.stream().map(TrustAnchors::source).toList()), ders);
    }
}
