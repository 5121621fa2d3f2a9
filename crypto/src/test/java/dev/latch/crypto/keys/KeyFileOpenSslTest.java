package dev.latch.crypto.keys;

import dev.latch.core.LatchException;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.testkit.OpenSsl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keys OpenSSL wrote, read by Latch: the same public key, fingerprint and pin as OpenSSL gives, and how each is encrypted. */
class KeyFileOpenSslTest {
    private static final String PASSPHRASE = "correct horse battery";

    @TempDir
    Path dir;

    private KeyFile read(String file, String passphrase) throws Exception {
        return KeyFile.read(Files.readAllBytes(dir.resolve(file)), file,
                PassphraseSource.of(passphrase == null ? null : passphrase.toCharArray()));
    }

    private Path passFile() throws Exception {
        return Files.writeString(dir.resolve("pass"), PASSPHRASE + "\n");
    }

    /** The DER SubjectPublicKeyInfo OpenSSL works out from the key. */
    private byte[] opensslPublicDer(String key) throws Exception {
        OpenSsl.run(dir, "pkey", "-in", key, "-passin", "file:pass", "-pubout", "-outform", "DER", "-out", key + ".pub.der").ok();
        return Files.readAllBytes(dir.resolve(key + ".pub.der"));
    }

    private static List<String> genpkey(String algorithm) {
        return switch (algorithm) {
            case "EC" -> List.of("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384");
            case "RSA" -> List.of("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072");
            default -> List.of("genpkey", "-algorithm", algorithm);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "EC", "ED25519"})
    void readsOpenSslsEncryptedKeysWithThePassphrase(String algorithm) throws Exception {
        passFile();
        List<String> command = new java.util.ArrayList<>(genpkey(algorithm));
        command.addAll(List.of("-aes256", "-pass", "file:pass", "-out", "key.pem"));
        OpenSsl.run(dir, command).ok();
        byte[] expected = opensslPublicDer("key.pem");

        KeyFile key = read("key.pem", PASSPHRASE);

        assertThat(key.isPrivate()).isTrue();
        assertThat(key.locked()).isFalse();
        assertThat(key.publicKey().getEncoded()).as("the public key derived from the private one").isEqualTo(expected);
        KeyEncryption encryption = key.encryption();
        assertThat(encryption.scheme()).isEqualTo("PBES2");
        assertThat(encryption.kdf()).isEqualTo("PBKDF2");
        assertThat(encryption.prf()).isEqualTo("HMAC-SHA256");
        assertThat(encryption.cipher()).isEqualTo("AES-256-CBC");
        assertThat(encryption.iterations()).isPositive();
        assertThat(encryption.saltBytes()).isGreaterThanOrEqualTo(8);
        KeyDescription description = KeyDescription.of(key.publicKey());
        switch (algorithm) {
            case "RSA" -> assertThat(description.name()).isEqualTo("RSA 3072");
            case "EC" -> assertThat(description.name()).isEqualTo("EC P-384");
            default -> assertThat(description.name()).isEqualTo("Ed25519");
        }
    }

    @Test
    void theEncryptionParametersAreReadAsOpenSslWroteThem() throws Exception {
        passFile();
        OpenSsl.run(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "plain.pem").ok();
        OpenSsl.run(dir, "pkcs8", "-topk8", "-in", "plain.pem", "-v2", "aes-128-cbc", "-v2prf", "hmacWithSHA512",
                "-iter", "12345", "-passout", "file:pass", "-out", "pbkdf2.pem").ok();
        OpenSsl.run(dir, "pkcs8", "-topk8", "-in", "plain.pem", "-v2", "aes-256-cbc", "-scrypt", "-scrypt_N", "1024",
                "-scrypt_r", "8", "-scrypt_p", "1", "-passout", "file:pass", "-out", "scrypt.pem").ok();
        OpenSsl.run(dir, "pkcs8", "-topk8", "-in", "plain.pem", "-v1", "PBE-SHA1-3DES", "-passout", "file:pass",
                "-out", "pkcs12.pem").ok();
        byte[] expected = opensslPublicDer("plain.pem");

        KeyFile pbkdf2 = read("pbkdf2.pem", PASSPHRASE);
        assertThat(pbkdf2.encryption()).isEqualTo(new KeyEncryption("PBES2", "PBKDF2", "HMAC-SHA512", 12345, 8, "AES-128-CBC",
                List.of("PBKDF2-HMAC-SHA512 with 12345 iterations (OWASP advises 210000): "
                        + "each guess of the passphrase is cheap for whoever copies the file"), null));
        assertThat(pbkdf2.publicKey().getEncoded()).isEqualTo(expected);

        KeyFile scrypt = read("scrypt.pem", PASSPHRASE);
        assertThat(scrypt.encryption().kdf()).isEqualTo("scrypt (N=1024, r=8, p=1)");
        assertThat(scrypt.encryption().cipher()).isEqualTo("AES-256-CBC");
        assertThat(scrypt.publicKey().getEncoded()).isEqualTo(expected);

        KeyFile pkcs12 = read("pkcs12.pem", PASSPHRASE);
        assertThat(pkcs12.encryption().scheme()).isEqualTo("PKCS#12 PBE");
        assertThat(pkcs12.encryption().cipher()).startsWith("3DES");
        assertThat(pkcs12.encryption().warnings()).isNotEmpty();
        assertThat(pkcs12.publicKey().getEncoded()).isEqualTo(expected);
    }

    @Test
    void traditionalEncryptedPemOpensAndIsCalledWeak() throws Exception {
        passFile();
        OpenSsl.run(dir, "genrsa", "-traditional", "-aes256", "-passout", "file:pass", "-out", "old.pem", "2048").ok();
        assertThat(Files.readString(dir.resolve("old.pem"))).contains("Proc-Type: 4,ENCRYPTED");
        byte[] expected = opensslPublicDer("old.pem");

        KeyFile key = read("old.pem", PASSPHRASE);

        assertThat(key.publicKey().getEncoded()).isEqualTo(expected);
        assertThat(key.encryption().scheme()).isEqualTo("OpenSSL traditional PEM");
        assertThat(key.encryption().cipher()).isEqualTo("AES-256-CBC");
        assertThat(key.encryption().warnings()).singleElement().asString().contains("MD5");
    }

    @Test
    void aWrongPassphraseIsOneClearFailure() throws Exception {
        passFile();
        OpenSsl.run(dir, "genpkey", "-algorithm", "ED25519", "-aes256", "-pass", "file:pass", "-out", "key.pem").ok();

        assertThatThrownBy(() -> read("key.pem", "not the passphrase"))
                .isInstanceOf(LatchException.class)
                .hasMessage("key.pem: wrong passphrase (the key could not be decrypted)");
    }

    @Test
    void withoutThePassphraseTheKeyStaysLockedButItsEncryptionIsKnown() throws Exception {
        passFile();
        OpenSsl.run(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes256", "-pass", "file:pass",
                "-out", "key.pem").ok();

        KeyFile key = read("key.pem", null);

        assertThat(key.locked()).isTrue();
        assertThat(key.publicKey()).isNull();
        assertThat(key.encryption().scheme()).isEqualTo("PBES2");
        assertThatThrownBy(key::requirePublicKey).isInstanceOf(LatchException.class)
                .hasMessage("key.pem: the private key is encrypted and no passphrase was given");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PEM", "DER"})
    void publicKeyFilesAreReadAndNamedAsOpenSslNamesThem(String form) throws Exception {
        OpenSsl.run(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "key.pem").ok();
        OpenSsl.run(dir, "pkey", "-in", "key.pem", "-pubout", "-outform", form, "-out", "pub").ok();
        OpenSsl.run(dir, "pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der").ok();
        OpenSsl.run(dir, "dgst", "-sha256", "-binary", "-out", "digest", "pub.der").ok();
        byte[] digest = Files.readAllBytes(dir.resolve("digest"));

        KeyFile key = read("pub", null);

        assertThat(key.isPrivate()).isFalse();
        assertThat(key.encryption()).isNull();
        assertThat(key.publicKey().getEncoded()).isEqualTo(Files.readAllBytes(dir.resolve("pub.der")));
        assertThat(PublicKeys.sha256(key.publicKey())).isEqualTo(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
        assertThat(PublicKeys.pin(key.publicKey())).isEqualTo("sha256//" + Base64.getEncoder().encodeToString(digest));
        assertThat(PublicKeys.toPem(key.publicKey())).isEqualTo(
                OpenSsl.run(dir, "pkey", "-in", "key.pem", "-pubout").ok().out());
    }

    @Test
    void aCertificateIsNotTakenForAKey() throws Exception {
        OpenSsl.run(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "k.pem",
                "-subj", "/CN=not.a.key", "-days", "1", "-out", "cert.pem").ok();

        assertThatThrownBy(() -> read("cert.pem", null)).isInstanceOf(LatchException.class)
                .hasMessageStartingWith("cert.pem: no key found, only a certificate");
    }

    @Test
    void aCurveLatchDoesNotMakeIsNamedButIsNoLatchType() throws Exception {
        passFile();
        OpenSsl.run(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1", "-out", "k1.pem").ok();
        byte[] expected = opensslPublicDer("k1.pem");

        KeyFile key = read("k1.pem", null);

        assertThat(key.publicKey().getEncoded()).isEqualTo(expected);
        KeyDescription description = KeyDescription.of(key.publicKey());
        assertThat(description.name()).isEqualTo("EC secp256k1");
        assertThat(description.latchType()).isNull();
    }

    @Test
    void rsaPssKeysKeepTheirAlgorithmAndPkcs1PublicKeysAreRead() throws Exception {
        passFile();
        OpenSsl.run(dir, "genpkey", "-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "pss.pem").ok();
        OpenSsl.run(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.pem").ok();
        OpenSsl.run(dir, "rsa", "-in", "rsa.pem", "-RSAPublicKey_out", "-out", "pkcs1.pub").ok();
        assertThat(Files.readString(dir.resolve("pkcs1.pub"))).startsWith("-----BEGIN RSA PUBLIC KEY-----");

        KeyFile pss = read("pss.pem", null);
        assertThat(pss.publicKey().getEncoded()).isEqualTo(opensslPublicDer("pss.pem"));
        assertThat(KeyDescription.of(pss.publicKey()).name()).isEqualTo("RSA-PSS 2048");
        assertThat(KeyDescription.of(pss.publicKey()).latchType()).isNull();

        assertThat(read("pkcs1.pub", null).publicKey().getEncoded()).isEqualTo(opensslPublicDer("rsa.pem"));
    }

    @Test
    void aDsaKeyIsReadDerivedAndCalledDeprecated() throws Exception {
        passFile();
        OpenSsl.run(dir, "genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:2048", "-out", "params.pem").ok();
        OpenSsl.run(dir, "genpkey", "-paramfile", "params.pem", "-aes256", "-pass", "file:pass", "-out", "dsa.pem").ok();

        KeyFile key = read("dsa.pem", PASSPHRASE);

        assertThat(key.publicKey().getEncoded()).isEqualTo(opensslPublicDer("dsa.pem"));
        KeyDescription description = KeyDescription.of(key.publicKey());
        assertThat(description.name()).isEqualTo("DSA 2048");
        assertThat(description.strength()).isEqualTo(112);
        assertThat(description.latchType()).isNull();
        assertThat(description.warnings()).singleElement().asString().contains("FIPS 186-5");
    }
}
