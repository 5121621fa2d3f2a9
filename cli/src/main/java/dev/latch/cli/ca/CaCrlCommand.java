package dev.latch.cli.ca;

import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.CaHomeOption;
import dev.latch.cli.support.Json;
import dev.latch.cli.support.PassphraseOptions;
import dev.latch.pki.ca.LocalCa;
import dev.latch.core.io.AtomicFiles;
import dev.latch.core.pem.Pem;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.cert.X509CRLHolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "crl",
        mixinStandardHelpOptions = true,
        description = {
                "Write a signed CRL of the revoked certificates.",
                "",
                "The CRL (RFC 5280 §5) is valid for 7 days. By default the intermediate's",
                "CRL (revoked leaves); --root for the root's (revoked intermediates)."})
public final class CaCrlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaHomeOption home;

    @Mixin
    PassphraseOptions passphrase;

    @Option(names = "--root", description = "The root's CRL instead of the intermediate's.")
    boolean root;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write it (default: crl.pem or root-crl.pem in the CA directory).")
    Path out;

    @Option(names = "--der", description = "Write DER (as served over HTTP, application/pkix-crl) instead of PEM.")
    boolean der;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        try (LocalCa ca = LocalCa.open(home.caHome(), passphrase.source())) {
            X509CRLHolder crl = ca.crl(root);
            Path target = out != null ? out : root ? ca.home().rootCrl() : ca.home().crl();
            byte[] encoded = crl.getEncoded();
            AtomicFiles.write(target, der ? encoded : Pem.encode(Pem.CRL, encoded).getBytes(StandardCharsets.US_ASCII), false);
            int count = crl.getRevokedCertificates().size();
            String number = CRLNumber.getInstance(crl.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber().toString();
            PrintWriter printer = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("file", target.toString());
                result.put("issuer", crl.getIssuer().toString());
                result.put("crlNumber", number);
                result.put("revoked", count);
                result.put("thisUpdate", crl.getThisUpdate().toInstant().toString());
                result.put("nextUpdate", crl.getNextUpdate().toInstant().toString());
                Json.print(printer, result);
            } else {
                printer.println("Wrote CRL #" + number + " of " + crl.getIssuer() + " to " + target);
                printer.println("  " + count + " revoked certificate" + (count == 1 ? "" : "s") + "; next update due "
                        + crl.getNextUpdate().toInstant());
                String url = ca.settings().crlUrl();
                printer.println(url != null ? "Next: publish it at " + url + " before " + crl.getNextUpdate().toInstant()
                        : "Next: give it to clients (openssl verify -crl_check -CRLfile " + target + " …)");
            }
            return ExitCodes.OK;
        }
    }
}
