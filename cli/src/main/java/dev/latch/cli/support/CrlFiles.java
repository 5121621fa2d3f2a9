package dev.latch.cli.support;

import dev.latch.core.LatchException;
import dev.latch.core.io.Inputs;
import dev.latch.core.pem.Pem;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.cert.X509CRLHolder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The CRLs in a file given with {@code --crl} (PEM or DER). */
public final class CrlFiles {
    private CrlFiles() {
    }

    public static List<CertificateList> read(Path file) {
        List<CertificateList> crls = new ArrayList<>();
        for (Object object : Pem.read(Inputs.read(file), file.toString())) {
            if (object instanceof X509CRLHolder crl) {
                crls.add(CertificateList.getInstance(crl.toASN1Structure()));
            } else {
                throw new LatchException(file + ": expected a CRL");
            }
        }
        return crls;
    }
}
