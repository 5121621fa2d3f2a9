package dev.latch.crypto.envelope;

import dev.latch.core.PeerText;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.KEKRecipientInformation;
import org.bouncycastle.cms.KeyAgreeRecipientId;
import org.bouncycastle.cms.KeyTransRecipientId;
import org.bouncycastle.cms.PasswordRecipientInformation;
import org.bouncycastle.cms.RecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.util.encoders.Hex;

import java.math.BigInteger;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Who a message is for, in words: what a "not for this key" error names. */
final class MessageRecipients {
    private MessageRecipients() {
    }

    /** {@code the certificate with serial 0x1f issued by CN=Root, a passphrase}. */
    static String describe(Collection<RecipientInformation> recipients) {
        Set<String> names = new LinkedHashSet<>();
        for (RecipientInformation recipient : recipients) {
            names.add(describe(recipient));
        }
        return names.stream().collect(Collectors.joining(", "));
    }

    static String describe(RecipientInformation recipient) {
        if (recipient instanceof PasswordRecipientInformation) {
            return "a passphrase";
        }
        if (recipient instanceof KEKRecipientInformation) {
            return "a pre-shared key-encryption key";
        }
        RecipientId rid = recipient.getRID();
        if (rid instanceof KeyTransRecipientId id) {
            return certificate(id.getIssuer(), id.getSerialNumber(), id.getSubjectKeyIdentifier());
        }
        if (rid instanceof KeyAgreeRecipientId id) {
            return certificate(id.getIssuer(), id.getSerialNumber(), id.getSubjectKeyIdentifier());
        }
        return "a recipient of a kind Latch does not open";
    }

    private static String certificate(X500Name issuer, BigInteger serial, byte[] keyId) {
        if (issuer != null && serial != null) {
            return "the certificate with serial 0x" + serial.toString(16) + " issued by " + name(issuer);
        }
        if (keyId != null) {
            return "the key with identifier " + Hex.toHexString(keyId);
        }
        return "an unnamed certificate";
    }

    /**
     * The issuer's name as one line of text: a message can hold a name with control characters, or
     * whose attributes are not what X.500 says.
     */
    private static String name(X500Name issuer) {
        try {
            return PeerText.shown(issuer.toString());
        } catch (RuntimeException malformed) {
            return "an unreadable name";
        }
    }
}
