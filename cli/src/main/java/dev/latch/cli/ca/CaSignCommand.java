package dev.latch.cli.ca;

import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.CaHomeOption;
import dev.latch.cli.support.PassphraseOptions;
import dev.latch.core.LatchException;
import dev.latch.pki.ca.CsrRequests;
import dev.latch.pki.ca.IssueRequest;
import dev.latch.pki.ca.Issued;
import dev.latch.pki.ca.LocalCa;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.Certificates;
import dev.latch.core.io.Inputs;
import dev.latch.core.pem.Pem;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "sign",
        mixinStandardHelpOptions = true,
        description = {
                "Issue a certificate for a CSR made elsewhere.",
                "",
                "For example by openssl req. The CSR's signature must verify; its names",
                "are taken from its subjectAltName (or a host name in its CN); everything",
                "else is the profile's decision, and a CSR asking for a CA is refused."})
public final class CaSignCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CaHomeOption home;

    @Mixin
    PassphraseOptions passphrase;

    @Mixin
    ProfileOptions profileOptions;

    @Parameters(paramLabel = "CSR", description = "PKCS#10 request, PEM or DER.")
    Path csrFile;

    @Option(names = "--name", paramLabel = "NAME", description = "Add a name to those the CSR asks for.")
    List<AltName> extraNames = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Directory for the files (default: current).")
    Path out;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        String source = csrFile.toString();
        PKCS10CertificationRequest csr = readCsr(source);
        IssueRequest request = CsrRequests.toRequest(csr, source, profileOptions.profile(), profileOptions.validity(), extraNames);
        try (LocalCa ca = LocalCa.open(home.caHome(), passphrase.source())) {
            IssuedFiles files = new IssuedFiles(out, IssuedFiles.baseName(request.names()), null, null);
            Issued issued = ca.issue(request, files::contents);
            files.report(spec.commandLine().getOut(), issued, request.profile(), request.names(), json);
            return ExitCodes.OK;
        }
    }

    private PKCS10CertificationRequest readCsr(String source) {
        List<Object> objects = Pem.read(Inputs.read(csrFile), source);
        if (objects.size() != 1 || !(objects.get(0) instanceof PKCS10CertificationRequest csr)) {
            throw new LatchException(source + ": expected one certificate request, found "
                    + (objects.size() == 1 ? Certificates.Describe.kind(objects.get(0)) : objects.size() + " objects"),
                    "make one with: openssl req -new -key KEY -subj /CN=NAME -addext subjectAltName=DNS:NAME -out req.csr");
        }
        return csr;
    }
}
