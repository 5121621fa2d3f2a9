package dev.latch.crypto.envelope;

import dev.latch.core.LatchException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1SequenceParser;
import org.bouncycastle.asn1.ASN1StreamParser;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;

/** The content type at the head of a CMS ContentInfo (RFC 5652 §3), read without consuming it. */
final class ContentType {
    private static final int HEAD = 64;
    private static final Map<ASN1ObjectIdentifier, String> NAMES = Map.of(
            CMSObjectIdentifiers.data, "data",
            CMSObjectIdentifiers.signedData, "signed-data",
            CMSObjectIdentifiers.envelopedData, "enveloped-data",
            CMSObjectIdentifiers.authEnvelopedData, "auth-enveloped-data",
            CMSObjectIdentifiers.digestedData, "digested-data",
            CMSObjectIdentifiers.encryptedData, "encrypted-data",
            CMSObjectIdentifiers.authenticatedData, "authenticated-data",
            CMSObjectIdentifiers.compressedData, "compressed-data");

    private ContentType() {
    }

    static ASN1ObjectIdentifier peek(BufferedInputStream der, String source) {
        byte[] head;
        try {
            der.mark(HEAD);
            head = der.readNBytes(HEAD);
            der.reset();
        } catch (IOException e) {
            throw new LatchException("cannot read " + source + ": " + e.getMessage(), null, e);
        }
        if (head.length == 0) {
            throw new LatchException(source + " is empty", "give the file that 'latch encrypt' wrote");
        }
        try {
            ASN1Encodable outer = new ASN1StreamParser(new ByteArrayInputStream(head), Integer.MAX_VALUE).readObject();
            if (outer instanceof ASN1SequenceParser sequence
                    && sequence.readObject() instanceof ASN1ObjectIdentifier type) {
                return type;
            }
        } catch (IOException | RuntimeException notAsn1) {
            // said below, as for any other start
        }
        throw new LatchException(source + " is not a CMS message (DER or PEM)",
                "give the file that 'latch encrypt' or 'openssl cms -encrypt' wrote");
    }

    static String name(ASN1ObjectIdentifier type) {
        return NAMES.getOrDefault(type, type.getId());
    }
}
