package dev.latch.cli.sign;

import dev.latch.trust.Purpose;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a signer's certificate is judged for: the signing purpose its extKeyUsage states (code
 * signing, then email protection, then document signing, RFC 9336), or the one the user asks for.
 * A certificate that states none of them is judged for document signing, and the report says what
 * its extKeyUsage lacks.
 */
final class SignerPurpose {
    static final String CHOICES = "code-signing|email|document-signing";
    private static final List<Purpose> SIGNING = List.of(Purpose.CODE_SIGNING, Purpose.EMAIL_PROTECTION, Purpose.DOCUMENT_SIGNING);

    private SignerPurpose() {
    }

    static Purpose of(X509Certificate signer, String requested) {
        if (requested != null) {
            return parse(requested);
        }
        List<String> stated;
        try {
            stated = signer.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            stated = null; // a malformed extKeyUsage: the validator reports it
        }
        for (Purpose purpose : SIGNING) {
            if (stated != null && stated.contains(purpose.keyPurpose().getId())) {
                return purpose;
            }
        }
        return Purpose.DOCUMENT_SIGNING;
    }

    static Purpose parse(String text) {
        return switch (text) {
            case "code-signing" -> Purpose.CODE_SIGNING;
            case "email" -> Purpose.EMAIL_PROTECTION;
            case "document-signing" -> Purpose.DOCUMENT_SIGNING;
            default -> throw new IllegalArgumentException("--purpose must be code-signing, email or document-signing, not '" + text + "'");
        };
    }
}
