package dev.latch.cli.ca;

import dev.latch.cli.support.CommandName;
import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.CaHomeOption;
import dev.latch.cli.support.Json;
import dev.latch.pki.ca.CaHome;
import dev.latch.pki.ca.LocalCa;
import dev.latch.pki.cert.Certificates;
import dev.latch.core.pem.Pem;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.pki.truststore.InstallResult;
import dev.latch.pki.truststore.RootCertificate;
import dev.latch.pki.truststore.TrustStore;
import dev.latch.pki.truststore.TrustStoreLocations;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "trust",
        mixinStandardHelpOptions = true,
        description = {
                "Make clients trust the CA's root certificate (or, with --uninstall, stop).",
                "",
                "With no store named, puts the ROOT certificate in every trust store this machine has,",
                "as mkcert -install does: the system store (Debian's ca-certificates: curl, wget,",
                "OpenSSL; needs root), Chromium's NSS database ~/.pki/nssdb, each Firefox profile's",
                "(~/.mozilla/firefox/*, and the snap's), and the cacerts of the JDK in use. Each store",
                "reports one line: installed, already there, or skipped and why. Only the root is ever",
                "trusted: the intermediate and the leaves are checked against it. The exit code is 1",
                "if any store failed."},
        footer = {"", "Examples:",
                "  ${env:LATCH_COMMAND:-latch} ca trust                               every store found (sudo for the system store and Java)",
                "  ${env:LATCH_COMMAND:-latch} ca trust --uninstall                   remove the root from every store found",
                "  ${env:LATCH_COMMAND:-latch} ca trust --nss ~/.pki/nssdb            only this NSS database (created if missing)",
                "  sudo ${env:LATCH_COMMAND:-latch} ca trust --system                 only curl, wget, OpenSSL (Debian ca-certificates)",
                "  ${env:LATCH_COMMAND:-latch} ca trust --pkcs12 truststore.p12       Java (-Djavax.net.ssl.trustStore=…)",
                "  ${env:LATCH_COMMAND:-latch} ca trust --print > latch-root.pem      anything else (curl --cacert latch-root.pem)",
                "",
                "HOME, LATCH_SYSTEM_CA_DIR, LATCH_SYSTEM_CA_UPDATE and LATCH_JAVA_CACERTS redirect where",
                "the stores are looked for."})
public final class CaTrustCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaHomeOption home;

    @Option(names = "--pkcs12", paramLabel = "FILE", description = "Only this PKCS#12 trust store (created if missing).")
    Path pkcs12;

    @Option(names = "--store-password", paramLabel = "PASSWORD", defaultValue = "changeit",
            description = "Password of the PKCS#12 trust store (default: changeit, Java's customary one; it guards integrity, not a secret).")
    String storePassword;

    @Option(names = "--nss", paramLabel = "DIR", description = "Only this NSS database (created if missing), through certutil.")
    Path nss;

    @Option(names = "--system", description = "Only Debian's system store (needs root).")
    boolean system;

    @Option(names = "--java", description = "Only the trust store (cacerts) of the JDK in use, through keytool (usually needs root).")
    boolean java;

    @Option(names = "--uninstall", description = "Remove the root from the stores instead.")
    boolean uninstall;

    @Option(names = "--print", description = "Print the root certificate (PEM) on standard output.")
    boolean print;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Override
    public Integer call() {
        CaHome caHome = home.caHome();
        try (LocalCa ca = LocalCa.open(caHome, PassphraseSource.NONE)) {
            X509Certificate root = ca.root();
            PrintWriter out = spec.commandLine().getOut();
            if (print) {
                out.print(Pem.certificate(root));
                out.flush();
            }
            RootCertificate trusted = new RootCertificate(root, caHome.rootCertificate());
            List<InstallResult> results = new ArrayList<>();
            for (TrustStore store : stores()) {
                results.add(uninstall ? store.uninstall(trusted) : store.install(trusted));
            }
            report(results, root, caHome, out);
            return results.stream().allMatch(InstallResult::ok) ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    /** The stores named, else (unless only --print was asked for) every store this machine has. */
    private List<TrustStore> stores() {
        TrustStoreLocations locations = TrustStoreLocations.fromEnvironment();
        List<TrustStore> stores = new ArrayList<>();
        if (system) {
            stores.add(TrustStores.system(locations, true));
        }
        if (nss != null) {
            stores.add(TrustStores.nss(nss));
        }
        if (java) {
            stores.add(TrustStores.java(locations, true));
        }
        if (pkcs12 != null) {
            stores.add(TrustStores.pkcs12(pkcs12, storePassword.toCharArray()));
        }
        if (stores.isEmpty() && !print) {
            stores.addAll(TrustStores.discover(locations));
        }
        return stores;
    }

    private void report(List<InstallResult> results, X509Certificate root, CaHome caHome, PrintWriter out) {
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("root", caHome.rootCertificate().toString());
            document.put("rootSubject", root.getSubjectX500Principal().getName());
            document.put("rootSha256", Certificates.sha256(root));
            document.put("action", uninstall ? "uninstall" : "install");
            List<Map<String, Object>> stores = new ArrayList<>();
            for (InstallResult result : results) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("store", result.store());
                row.put("status", result.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
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
        messages.println((uninstall ? "No longer trusting the root " : "Trusting the root ") + root.getSubjectX500Principal().getName());
        messages.println("  SHA-256 " + Certificates.sha256(root));
        for (InstallResult result : results) {
            messages.printf("  %-14s %s: %s%n", result.status().text(), result.store(), CommandName.inText(result.detail()));
        }
        messages.flush();
        PrintWriter err = spec.commandLine().getErr();
        for (InstallResult result : results) {
            if (!result.ok()) {
                err.println("latch: could not " + (uninstall ? "remove the root from " : "add the root to ") + result.store()
                        + ": " + result.detail());
            }
        }
    }
}
