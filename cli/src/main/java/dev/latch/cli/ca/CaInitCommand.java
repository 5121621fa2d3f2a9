package dev.latch.cli.ca;

import dev.latch.cli.support.CommandName;
import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.CaHomeOption;
import dev.latch.cli.support.Json;
import dev.latch.cli.support.PassphraseOptions;
import dev.latch.pki.ca.CaHome;
import dev.latch.pki.ca.CaInitOptions;
import dev.latch.pki.ca.LocalCa;
import dev.latch.pki.cert.Certificates;
import dev.latch.pki.cert.NameConstraint;
import dev.latch.core.keys.KeyType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "init",
        mixinStandardHelpOptions = true,
        description = {
                "Create a local CA: root, intermediate and registry.",
                "",
                "A root (10 years) and an intermediate (5 years, pathLen 0) that",
                "issues certificates, plus the registry. Refuses to overwrite an existing CA.",
                "Keys are written with mode 0600; --encrypt protects them with a passphrase",
                "(PKCS#8, PBES2 with AES-256-CBC and PBKDF2-HMAC-SHA256)."})
public final class CaInitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaHomeOption home;

    @Mixin
    PassphraseOptions passphrase;

    @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ec-p256",
            description = "Key type of the root and intermediate: ec-p256 (default), ec-p384, rsa-2048, rsa-3072, rsa-4096, ed25519.")
    KeyType keyType;

    @Option(names = "--encrypt", description = "Encrypt the CA keys with a passphrase.")
    boolean encrypt;

    @Option(names = "--name", paramLabel = "TEXT", description = "Base of the CA names (default \"Latch Local\").")
    String name;

    @Option(names = "--registry", paramLabel = "JDBC-URL",
            description = "Registry database (default: SQLite in the CA directory), e.g. jdbc:postgresql://db/latch?user=ca.")
    String registryUrl;

    @Option(names = "--crl-url", paramLabel = "URL", description = "CRL distribution point to write into issued certificates.")
    String crlUrl;

    @Option(names = "--ocsp-url", paramLabel = "URL", description = "OCSP responder URL to write into issued certificates.")
    String ocspUrl;

    @Option(names = "--permit", paramLabel = "CONSTRAINT", split = ",",
            description = "Name constraint on the intermediate, names it may issue for: dns:example.test, ip:10.0.0.0/8, email:example.test, uri:.example.test, dn:O=Example.")
    List<NameConstraint> permitted = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "CONSTRAINT", split = ",",
            description = "Name constraint on the intermediate, names it may never issue for (same forms as --permit).")
    List<NameConstraint> excluded = new ArrayList<>();

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        CaHome caHome = home.caHome();
        if (LocalCa.exists(caHome)) {
            // checked before asking for a passphrase that would not be used
            return refuseExisting(caHome);
        }
        char[] secret = encrypt ? passphrase.newPassphrase("the CA keys") : null;
        CaInitOptions options = new CaInitOptions(keyType, secret, name, registryUrl, crlUrl, ocspUrl, permitted, excluded);
        try (LocalCa ca = LocalCa.init(caHome, options)) {
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("home", caHome.dir().toAbsolutePath().toString());
                result.put("root", caHome.rootCertificate().toAbsolutePath().toString());
                result.put("rootSubject", ca.root().getSubjectX500Principal().getName());
                result.put("rootSha256", Certificates.sha256(ca.root()));
                result.put("intermediate", caHome.intermediateCertificate().toAbsolutePath().toString());
                result.put("keysEncrypted", encrypt);
                result.put("registry", ca.registry().url());
                Json.print(out, result);
                return ExitCodes.OK;
            }
            out.println("Created a local CA in " + caHome.dir().toAbsolutePath());
            out.println("  root          " + caHome.rootCertificate() + "   <- the one clients must trust");
            out.println("                " + ca.root().getSubjectX500Principal().getName());
            out.println("                SHA-256 " + Certificates.sha256(ca.root()));
            out.println("  intermediate  " + caHome.intermediateCertificate() + "   (signs certificates; never trust it directly)");
            out.println("  keys          " + caHome.rootKey().getFileName() + ", " + caHome.intermediateKey().getFileName()
                    + " (mode 0600" + (encrypt ? ", passphrase-encrypted" : "") + ")");
            out.println("  registry      " + ca.registry().url());
            out.println();
            String latch = CommandName.get();
            out.println("Next: issue a certificate     " + latch + " ca issue localhost 127.0.0.1 ::1");
            out.println("      make clients trust it   " + latch + " ca trust   (every store found; or --nss DIR, --system, --java, --pkcs12 FILE)");
            return ExitCodes.OK;
        }
    }

    private int refuseExisting(CaHome caHome) {
        spec.commandLine().getErr().println("latch: a CA already exists at " + caHome.dir()
                + ": refusing to overwrite it; use it as it is, or pass --home DIR for a new one");
        return ExitCodes.FAILED;
    }
}
