package dev.latch.cli.ca;

import dev.latch.cli.support.CommandName;
import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.CaHomeOption;
import dev.latch.cli.support.PassphraseOptions;
import dev.latch.core.LatchException;
import dev.latch.pki.ca.CaHome;
import dev.latch.pki.ca.CaInitOptions;
import dev.latch.pki.ca.IssueRequest;
import dev.latch.pki.ca.Issued;
import dev.latch.pki.ca.LocalCa;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.core.keys.KeyType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "issue",
        mixinStandardHelpOptions = true,
        description = {
                "Issue a certificate with a new key.",
                "",
                "The local CA's intermediate signs it and the registry records it; then the key,",
                "the certificate and the full chain are written. An issuance interrupted by a crash",
                "is finished or rolled back by the next 'latch ca' command.",
                "NAMEs may be DNS names (example.test), wildcards (*.example.test), IPv4 or IPv6",
                "addresses, emails (with --client) or URIs; the first becomes the file name.",
                "Without a CA in --home, one is created first, as 'latch serve' does; files of an",
                "earlier certificate with the same name are replaced only with --force."})
public final class CaIssueCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaHomeOption home;

    @Mixin
    PassphraseOptions passphrase;

    @Mixin
    ProfileOptions profileOptions;

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "Names the certificate is valid for.")
    List<String> names = new ArrayList<>();

    @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ec-p256",
            description = "Key type: ec-p256 (default), ec-p384, rsa-2048, rsa-3072, rsa-4096, ed25519.")
    KeyType keyType;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Directory for the files (default: current).")
    Path out;

    @Option(names = "--p12", description = "Also write NAME.p12 (key + chain, PKCS#12) for Java and browsers.")
    boolean pkcs12;

    @Option(names = "--encrypt-key", description = "Encrypt the new private key with a passphrase.")
    boolean encryptKey;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--force", description = "Replace files of an earlier certificate with the same name in --out.")
    boolean force;

    @Override
    public Integer call() {
        CertificateProfile profile = profileOptions.profile();
        // parsed here rather than by picocli, which reports a bad value among several as merely "unmatched"
        List<AltName> unique = List.copyOf(new LinkedHashSet<>(names.stream().map(AltName::parse).toList()));
        IssueRequest request = new IssueRequest(unique, profile, profileOptions.validity(), keyType, null);
        profile.checkNames(unique);
        refuseToReplace(new IssuedFiles(out, IssuedFiles.baseName(unique), null, null));
        try (LocalCa ca = openOrCreate(home.caHome())) {
            char[] keyPassphrase = encryptKey ? passphrase.newPassphrase("the new private key") : null;
            char[] p12Password = pkcs12 ? (keyPassphrase != null ? keyPassphrase : IssuedFiles.DEFAULT_P12_PASSWORD.toCharArray()) : null;
            IssuedFiles files = new IssuedFiles(out, IssuedFiles.baseName(unique), keyPassphrase, p12Password);
            Issued issued = ca.issue(request, files::contents);
            files.report(spec.commandLine().getOut(), issued, profile, unique, json);
            return ExitCodes.OK;
        }
    }

    /** The local CA, created on first use as {@code latch serve} does. */
    private LocalCa openOrCreate(CaHome caHome) {
        if (LocalCa.exists(caHome)) {
            return LocalCa.open(caHome, passphrase.source());
        }
        LocalCa created = LocalCa.init(caHome, CaInitOptions.defaults());
        spec.commandLine().getErr().println("latch: created a local CA in " + caHome.dir() + "; trust it with: " + CommandName.get() + " ca trust");
        return created;
    }

    /** Issuing again under the same name would replace the earlier files (and its key): only when asked to. */
    private void refuseToReplace(IssuedFiles files) {
        if (force) {
            return;
        }
        List<Path> written = new ArrayList<>(List.of(files.certificate(), files.fullChain(), files.key()));
        if (pkcs12) {
            written.add(files.pkcs12());
        }
        for (Path file : written) {
            if (Files.exists(file)) {
                throw new LatchException(file + " already exists", "pass --force to replace it, or --out DIR to write elsewhere");
            }
        }
    }
}
