package dev.latch.cli.ca;

import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.CaHomeOption;
import dev.latch.cli.support.Json;
import dev.latch.pki.ca.CaHome;
import dev.latch.pki.ca.LocalCa;
import dev.latch.pki.cert.Certificates;
import dev.latch.core.pem.Pem;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.pki.truststore.InstallResult;
import dev.latch.pki.truststore.TrustStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "trust",
        mixinStandardHelpOptions = true,
        description = {
                "Make clients trust the CA's root certificate.",
                "",
                "Puts the ROOT certificate where clients look for trust anchors. Only the root is",
                "ever trusted: the intermediate and the leaves are checked against it. Each store",
                "reports its own result; the exit code is 1 if any store failed."},
        footer = {"", "Examples:",
                "  latch ca trust --nss ~/.pki/nssdb            Chromium and Firefox on Linux",
                "  sudo latch ca trust --system                 curl, wget, OpenSSL (Debian ca-certificates)",
                "  latch ca trust --pkcs12 truststore.p12       Java (-Djavax.net.ssl.trustStore=…)",
                "  latch ca trust --print > latch-root.pem      anything else (curl --cacert latch-root.pem)"})
public final class CaTrustCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaHomeOption home;

    @Option(names = "--pkcs12", paramLabel = "FILE", description = "Add the root to a PKCS#12 trust store (created if missing).")
    Path pkcs12;

    @Option(names = "--store-password", paramLabel = "PASSWORD", defaultValue = "changeit",
            description = "Password of the PKCS#12 trust store (default: changeit, Java's customary one; it guards integrity, not a secret).")
    String storePassword;

    @Option(names = "--nss", paramLabel = "DIR", description = "Add the root to an NSS database (created if missing) through certutil.")
    Path nss;

    @Option(names = "--system", description = "Add the root to Debian's system store (needs root).")
    boolean system;

    @Option(names = "--print", description = "Print the root certificate (PEM) on standard output.")
    boolean print;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (pkcs12 == null && nss == null && !system && !print) {
            throw new IllegalArgumentException("choose at least one store: --nss DIR, --system, --pkcs12 FILE or --print");
        }
        CaHome caHome = home.caHome();
        try (LocalCa ca = LocalCa.open(caHome, PassphraseSource.NONE)) {
            X509Certificate root = ca.root();
            String label = root.getSubjectX500Principal().getName().replaceAll(".*CN=([^,]+).*", "$1");
            String alias = label.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            PrintWriter out = spec.commandLine().getOut();
            if (print) {
                out.print(Pem.certificate(root));
                out.flush();
            }
            List<InstallResult> results = new ArrayList<>();
            if (pkcs12 != null) {
                results.add(TrustStores.pkcs12(pkcs12, alias, root, storePassword.toCharArray()));
            }
            if (nss != null) {
                results.add(TrustStores.nss(nss, label, caHome.rootCertificate()));
            }
            if (system) {
                results.add(TrustStores.system(alias + ".crt", root));
            }
            report(results, root, caHome, out);
            return results.stream().allMatch(InstallResult::ok) ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    private void report(List<InstallResult> results, X509Certificate root, CaHome caHome, PrintWriter out) {
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("root", caHome.rootCertificate().toString());
            document.put("rootSubject", root.getSubjectX500Principal().getName());
            document.put("rootSha256", Certificates.sha256(root));
            List<Map<String, Object>> stores = new ArrayList<>();
            for (InstallResult result : results) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("store", result.store());
                row.put("ok", result.ok());
                row.put("detail", result.detail());
                stores.add(row);
            }
            document.put("stores", stores);
            // with --print the PEM already went to stdout; keep the JSON on stderr so both stay parseable
            Json.print(print ? spec.commandLine().getErr() : out, document);
            return;
        }
        if (results.isEmpty()) {
            return;
        }
        PrintWriter messages = print ? spec.commandLine().getErr() : out;
        messages.println("Trusting the root " + root.getSubjectX500Principal().getName());
        messages.println("  SHA-256 " + Certificates.sha256(root));
        for (InstallResult result : results) {
            messages.println((result.ok() ? "  ok      " : "  FAILED  ") + result.store() + ": " + result.detail());
        }
        PrintWriter err = spec.commandLine().getErr();
        for (InstallResult result : results) {
            if (!result.ok()) {
                err.println("latch: could not add the root to " + result.store() + ": " + result.detail());
            }
        }
    }
}
