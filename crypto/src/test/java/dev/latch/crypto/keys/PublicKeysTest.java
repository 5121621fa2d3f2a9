package dev.latch.crypto.keys;

import dev.latch.core.keys.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import static org.assertj.core.api.Assertions.assertThat;

class PublicKeysTest {
    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = "RSA_4096", mode = EnumSource.Mode.EXCLUDE)
    void theDerivedPublicKeyIsThePairsOwn(KeyType type) {
        KeyPair pair = type.generate();

        assertThat(PublicKeys.derive(pair.getPrivate()).getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ed448", "X25519", "X448"})
    void keysLatchDoesNotMakeAreDerivedToo(String algorithm) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance(algorithm).generateKeyPair();

        assertThat(PublicKeys.derive(pair.getPrivate()).getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(KeyDescription.of(pair.getPublic()).algorithm()).isEqualTo(algorithm);
    }

    @Test
    void p521IsDerivedAndNamedButIsNoLatchType() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp521r1"));
        KeyPair pair = generator.generateKeyPair();

        assertThat(PublicKeys.derive(pair.getPrivate()).getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        KeyDescription description = KeyDescription.of(pair.getPublic());
        assertThat(description.name()).isEqualTo("EC P-521");
        assertThat(description.bits()).isEqualTo(521);
        assertThat(description.strength()).isEqualTo(260);
        assertThat(description.latchType()).isNull();
        assertThat(description.warnings()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = "RSA_4096", mode = EnumSource.Mode.EXCLUDE)
    void eachLatchTypeIsRecognisedWithItsStrength(KeyType type) {
        KeyDescription description = KeyDescription.of(type.generate().getPublic());

        assertThat(description.latchType()).isEqualTo(type);
        assertThat(description.warnings()).isEmpty();
        int expected = switch (type) {
            case EC_P256, ED25519, RSA_3072 -> 128;
            case EC_P384 -> 192;
            case RSA_2048 -> 112;
            default -> throw new AssertionError(type);
        };
        assertThat(description.strength()).isEqualTo(expected);
    }

    @Test
    void aShortRsaKeyIsCalledWeakAndIsNoLatchType() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);

        KeyDescription description = KeyDescription.of(generator.generateKeyPair().getPublic());

        assertThat(description.name()).isEqualTo("RSA 1024");
        assertThat(description.strength()).isEqualTo(80);
        assertThat(description.latchType()).isNull();
        assertThat(description.warnings()).singleElement().asString().contains("below 2048 bits");
    }

    @Test
    void anRsaSizeBetweenLatchTypesIsNoneOfThem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2560);

        KeyDescription description = KeyDescription.of(generator.generateKeyPair().getPublic());

        assertThat(description.latchType()).isNull();
        assertThat(description.strength()).isEqualTo(112);
    }
}
