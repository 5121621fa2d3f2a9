package dev.latch.pki.ca;

import dev.latch.core.LatchException;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateProfile;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Turns a PKCS#10 CSR (RFC 2986) made elsewhere, for example by {@code openssl req}, into an
 * {@link IssueRequest}. The CSR's signature must verify. Only its public key and names are
 * taken: what the certificate may do is the profile's decision, and a CSR that asks for more
 * (a CA certificate) is refused.
 */
public final class CsrRequests {
    private CsrRequests() {
    }

    public static IssueRequest toRequest(PKCS10CertificationRequest csr, String source, CertificateProfile profile,
                                         Duration validity, List<AltName> extraNames) {
        PublicKey publicKey = verifiedKey(csr, source);
        Extensions requested = requestedExtensions(csr);
        if (requested != null) {
            Extension basic = requested.getExtension(Extension.basicConstraints);
            if (basic != null && BasicConstraints.getInstance(basic.getParsedValue()).isCA()) {
                throw new LatchException(source + ": the CSR asks for a CA certificate (basicConstraints CA:TRUE)",
                        "the local CA issues leaf certificates only; remove that extension from the request");
            }
        }
        LinkedHashSet<AltName> names = new LinkedHashSet<>(altNames(requested, source));
        names.addAll(extraNames);
        if (names.isEmpty()) {
            commonNameAsHost(csr, source).ifPresent(names::add);
        }
        if (names.isEmpty()) {
            throw new LatchException(source + ": the CSR has no subjectAltName and no host name in its common name",
                    "add names with --name, or make the CSR with -addext subjectAltName=DNS:example.test");
        }
        return new IssueRequest(List.copyOf(names), profile, validity, null, publicKey);
    }

    private static PublicKey verifiedKey(PKCS10CertificationRequest csr, String source) {
        try {
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))) {
                throw new LatchException(source + ": the CSR's signature does not verify with its own public key",
                        "the request was altered or damaged; make it again");
            }
            return new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
        } catch (OperatorCreationException | PKCSException | java.io.IOException e) {
            throw new LatchException(source + ": cannot check the CSR's signature: " + e.getMessage(),
                    "use an EC, RSA or Ed25519 key", e);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // BouncyCastle's malformed ASN.1, found only when the signature or key is read
            throw new LatchException(source + ": malformed CSR: " + e.getMessage(),
                    "the request was altered or damaged; make it again", e);
        }
    }

    private static Extensions requestedExtensions(PKCS10CertificationRequest csr) {
        Attribute[] attributes = csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
        if (attributes.length == 0 || attributes[0].getAttrValues().size() == 0) {
            return null;
        }
        return Extensions.getInstance(attributes[0].getAttrValues().getObjectAt(0));
    }

    private static List<AltName> altNames(Extensions requested, String source) {
        List<AltName> names = new ArrayList<>();
        if (requested == null || requested.getExtension(Extension.subjectAlternativeName) == null) {
            return names;
        }
        GeneralNames general = GeneralNames.getInstance(requested.getExtension(Extension.subjectAlternativeName).getParsedValue());
        for (GeneralName name : general.getNames()) {
            String text = switch (name.getTagNo()) {
                case GeneralName.dNSName, GeneralName.rfc822Name, GeneralName.uniformResourceIdentifier ->
                        name.getName().toString();
                case GeneralName.iPAddress -> ip(ASN1OctetString.getInstance(name.getName()).getOctets(), source);
                default -> throw new LatchException(source + ": the CSR asks for a subjectAltName of an unsupported kind (tag "
                        + name.getTagNo() + ")", "use DNS names, IP addresses, emails or URIs");
            };
            try {
                names.add(AltName.parse(text));
            } catch (IllegalArgumentException e) {
                throw new LatchException(source + ": the CSR asks for an invalid name: " + e.getMessage(),
                        "fix the subjectAltName in the request");
            }
        }
        return names;
    }

    private static String ip(byte[] octets, String source) {
        try {
            return AltName.ipText(octets);
        } catch (IllegalArgumentException e) {
            throw new LatchException(source + ": the CSR has an IP address of " + octets.length + " bytes");
        }
    }

    private static java.util.Optional<AltName> commonNameAsHost(PKCS10CertificationRequest csr, String source) {
        RDN[] commonNames = csr.getSubject().getRDNs(BCStyle.CN);
        if (commonNames.length == 0) {
            return java.util.Optional.empty();
        }
        String cn = IETFUtils.valueToString(commonNames[0].getFirst().getValue());
        try {
            AltName name = AltName.parse(cn);
            return name.kind() == AltName.Kind.DNS || name.kind() == AltName.Kind.IP
                    ? java.util.Optional.of(name) : java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
