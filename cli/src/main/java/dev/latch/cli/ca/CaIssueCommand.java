package dev.latch.cli.ca;

import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.CaHomeOption;
import dev.latch.cli.support.PassphraseOptions;
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
                "addresses, emails (with --client) or URIs; the first becomes the file name."})
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

    @Override
    public Integer call() {
        CertificateProfile profile = profileOptions.profile();
        // parsed here rather than by picocli, which reports a bad value among several as merely "unmatched"
        List<AltName> unique = List.copyOf(new LinkedHashSet<>(names.stream().map(AltName::parse).toList()));
        IssueRequest request = new IssueRequest(unique, profile, profileOptions.validity(), keyType, null);
        try (LocalCa ca = LocalCa.open(home.caHome(), passphrase.source())) {
            profile.checkNames(unique);
            char[] keyPassphrase = encryptKey ? passphrase.newPassphrase("the new private key") : null;
            char[] p12Password = pkcs12 ? (keyPassphrase != null ? keyPassphrase : IssuedFiles.DEFAULT_P12_PASSWORD.toCharArray()) : null;
            IssuedFiles files = new IssuedFiles(out, IssuedFiles.baseName(unique), keyPassphrase, p12Password);
            Issued issued = ca.issue(request, files::contents);
            files.report(spec.commandLine().getOut(), issued, profile, unique, json);
            return ExitCodes.OK;
        }
    }
}
