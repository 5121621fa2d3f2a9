package dev.latch.crypto.keys;

import dev.latch.core.LatchException;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.core.pem.Pem;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.asn1.misc.ScryptParams;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A key file whose derivation asks for absurd work (PBKDF2 with 2^31 iterations, scrypt with 1 GiB)
 * would stall or exhaust whoever opens it with a passphrase: it is refused before any derivation runs.
 */
class CostlyKeyFileTest {
    private static final PassphraseSource MUST_NOT_ASK = what -> {
        throw new AssertionError("the passphrase was asked for: the derivation would have run");
    };

    private static byte[] encryptedKey(KeyDerivationFunc kdf) throws Exception {
        EncryptionScheme aes = new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(new byte[16]));
        AlgorithmIdentifier pbes2 = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, new PBES2Parameters(kdf, aes));
        byte[] der = new EncryptedPrivateKeyInfo(pbes2, new byte[48]).getEncoded();
        return Pem.encode(Pem.ENCRYPTED_PRIVATE_KEY, der).getBytes(StandardCharsets.US_ASCII);
    }

    private static KeyDerivationFunc pbkdf2(int iterations) {
        return new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, new PBKDF2Params(new byte[16], iterations,
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, org.bouncycastle.asn1.DERNull.INSTANCE)));
    }

    @Test
    void pbkdf2WithAbsurdIterationsIsRefusedBeforeThePassphraseIsAsked() throws Exception {
        byte[] file = encryptedKey(pbkdf2(Integer.MAX_VALUE));

        assertThatThrownBy(() -> KeyFile.read(file, "stall.pem", MUST_NOT_ASK)).isInstanceOf(LatchException.class)
                .hasMessage("stall.pem: the key asks for 2147483647 iterations of its key derivation, more than the 9600000 Latch runs");
    }

    @Test
    void scryptAskingForAGibibyteIsRefused() throws Exception {
        ASN1Encodable params = new ScryptParams(new byte[16], 1 << 20, 8, 1, 32);
        byte[] file = encryptedKey(new KeyDerivationFunc(MiscObjectIdentifiers.id_scrypt, params));

        assertThatThrownBy(() -> KeyFile.read(file, "oom.pem", MUST_NOT_ASK)).isInstanceOf(LatchException.class)
                .hasMessageStartingWith("oom.pem: the key's scrypt parameters (N=1048576, r=8, p=1) ask for more than");
    }

    @Test
    void theLimitsLeaveRealKeysAlone() throws Exception {
        KeyFile latchsOwn = KeyFile.read(encryptedKey(pbkdf2(600_000)), "latch.pem", PassphraseSource.NONE);
        KeyFile opensslDefaultScrypt = KeyFile.read(encryptedKey(new KeyDerivationFunc(MiscObjectIdentifiers.id_scrypt,
                new ScryptParams(new byte[16], 16384, 8, 1, 32))), "scrypt.pem", PassphraseSource.NONE);

        assertThat(latchsOwn.locked()).isTrue();
        assertThat(latchsOwn.encryption().refusal()).isNull();
        assertThat(opensslDefaultScrypt.encryption().refusal()).isNull();
    }
}
