package dev.latch.core.keys;

import dev.latch.core.LatchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrivateKeysTest {

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "EC_P384", "RSA_2048", "ED25519"})
    void plainKeysRoundTrip(KeyType type) {
        KeyPair pair = type.generate();
        byte[] pem = PrivateKeys.toPem(pair.getPrivate(), null).getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(pem, StandardCharsets.US_ASCII)).startsWith("-----BEGIN PRIVATE KEY-----");
        PrivateKey read = PrivateKeys.read(pem, "key.pem", PassphraseSource.NONE);
        assertThat(KeyPairs.matches(read, pair.getPublic())).isTrue();
        assertThat(KeyType.of(pair.getPublic())).isEqualTo(type);
    }

    @Test
    void encryptedKeyNeedsTheRightPassphrase() {
        KeyPair pair = KeyType.EC_P256.generate();
        byte[] pem = PrivateKeys.toPem(pair.getPrivate(), "correct horse".toCharArray()).getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(pem, StandardCharsets.US_ASCII)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(PrivateKeys.isEncrypted(pem)).isTrue();

        PrivateKey read = PrivateKeys.read(pem, "k.pem", PassphraseSource.of("correct horse".toCharArray()));
        assertThat(KeyPairs.matches(read, pair.getPublic())).isTrue();

        assertThatThrownBy(() -> PrivateKeys.read(pem, "k.pem", PassphraseSource.of("wrong".toCharArray())))
                .isInstanceOf(LatchException.class).hasMessage("k.pem: wrong passphrase (the key could not be decrypted)");
        assertThatThrownBy(() -> PrivateKeys.read(pem, "k.pem", PassphraseSource.NONE))
                .isInstanceOf(LatchException.class).hasMessageContaining("encrypted and no passphrase was given");
    }

    @Test
    void keysFromAnotherPairDoNotMatch() {
        assertThat(KeyPairs.matches(KeyType.EC_P256.generate().getPrivate(), KeyType.EC_P256.generate().getPublic())).isFalse();
    }

    @Test
    void keyTypeNamesParse() {
        assertThat(KeyType.parse("ec-p384")).isEqualTo(KeyType.EC_P384);
        assertThat(KeyType.parse("p256")).isEqualTo(KeyType.EC_P256);
        assertThat(KeyType.parse("rsa2048")).isEqualTo(KeyType.RSA_2048);
        assertThat(KeyType.parse("ED25519")).isEqualTo(KeyType.ED25519);
        assertThatThrownBy(() -> KeyType.parse("dsa")).hasMessageContaining("unknown key type 'dsa'");
    }
}
