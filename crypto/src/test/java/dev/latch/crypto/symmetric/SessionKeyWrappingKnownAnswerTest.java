package dev.latch.crypto.symmetric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.testkit.TestResources;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public-key primitives that carry a session key to its recipient (seed §14.4.2), as Latch's
 * CMS encryption configures them: BouncyCastle's provider, RSAES-OAEP with SHA-256 and MGF1-SHA-256
 * (RSA recipients) and ECDH on P-256 and P-384 (EC recipients), against Wycheproof (provenance:
 * VECTORS.md). A valid case must give its message or shared secret; an invalid one (bad padding,
 * a point off the curve, a wrong encoding) must fail, never yield a secret; an "acceptable" one may
 * fail, but a secret it yields must be the expected one.
 */
class SessionKeyWrappingKnownAnswerTest {
    private static final Provider BC = new BouncyCastleProvider();
    private static final HexFormat HEX = HexFormat.of();

    private static JsonNode vectors(String name) throws IOException {
        return new ObjectMapper().readTree(TestResources.path(VectorFiles.DIR + "wycheproof/" + name).toFile());
    }

    @Test
    void rsaOaepSha256Mgf1Sha256() throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        List<String> uncheckedRefusals = new ArrayList<>();
        for (JsonNode group : vectors("rsa_oaep_2048_sha256_mgf1sha256_test.json").get("testGroups")) {
            assertThat(group.get("sha").asText()).isEqualTo("SHA-256");
            assertThat(group.get("mgfSha").asText()).isEqualTo("SHA-256");
            PrivateKey key = KeyFactory.getInstance("RSA", BC)
                    .generatePrivate(new PKCS8EncodedKeySpec(HEX.parseHex(group.get("privateKeyPkcs8").asText())));
            for (JsonNode test : group.get("tests")) {
                String id = "rsa_oaep tcId " + test.get("tcId").asInt() + " (" + test.get("comment").asText() + ")";
                byte[] message = null;
                try {
                    Cipher oaep = Cipher.getInstance("RSA/NONE/OAEPPadding", BC);
                    oaep.init(Cipher.DECRYPT_MODE, key, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                            new PSource.PSpecified(HEX.parseHex(test.get("label").asText()))));
                    message = oaep.doFinal(HEX.parseHex(test.get("ct").asText()));
                } catch (GeneralSecurityException e) {
                    // failed: right for an invalid case only
                } catch (RuntimeException e) {
                    // BouncyCastle refuses some ciphertexts with unchecked exceptions (see below)
                    uncheckedRefusals.add(test.get("tcId").asInt() + " " + e.getClass().getSimpleName());
                }
                String result = test.get("result").asText();
                if (result.equals("valid")) {
                    assertThat(message).as(id).isEqualTo(HEX.parseHex(test.get("msg").asText()));
                } else {
                    assertThat(result).as(id).isEqualTo("invalid");
                    assertThat(message).as(id + ": decrypted a bad ciphertext").isNull();
                }
                counts.merge(result, 1, Integer::sum);
            }
        }
        assertThat(counts).isEqualTo(Map.of("valid", 18, "invalid", 17));
        // BouncyCastle 1.87 refuses a ciphertext not below the modulus, or longer than it, with
        // unchecked exceptions: code that unwraps a session key with it must catch those too
        assertThat(uncheckedRefusals).containsExactly("26 DataLengthException", "28 ArrayIndexOutOfBoundsException",
                "29 ArrayIndexOutOfBoundsException");
    }

    @Test
    void ecdhP256() throws Exception {
        assertThat(ecdh("ecdh_secp256r1_test.json", "secp256r1")).isEqualTo(Map.of("valid", 191, "invalid", 50, "acceptable", 219));
    }

    @Test
    void ecdhP384() throws Exception {
        assertThat(ecdh("ecdh_secp384r1_test.json", "secp384r1")).isEqualTo(Map.of("valid", 163, "invalid", 45, "acceptable", 219));
    }

    private static Map<String, Integer> ecdh(String file, String curve) throws Exception {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC", BC);
        parameters.init(new ECGenParameterSpec(curve));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        KeyFactory keys = KeyFactory.getInstance("EC", BC);
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode group : vectors(file).get("testGroups")) {
            assertThat(group.get("curve").asText()).isEqualTo(curve);
            assertThat(group.get("encoding").asText()).isEqualTo("asn");
            for (JsonNode test : group.get("tests")) {
                String id = file + " tcId " + test.get("tcId").asInt() + " (" + test.get("comment").asText() + ")";
                PrivateKey own = keys.generatePrivate(new ECPrivateKeySpec(new BigInteger(1, HEX.parseHex(test.get("private").asText())), spec));
                byte[] secret = null;
                try {
                    PublicKey peer = keys.generatePublic(new X509EncodedKeySpec(HEX.parseHex(test.get("public").asText())));
                    KeyAgreement agreement = KeyAgreement.getInstance("ECDH", BC);
                    agreement.init(own);
                    agreement.doPhase(peer, true);
                    secret = agreement.generateSecret();
                } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
                    // refused: right for an invalid case, allowed for an acceptable one
                }
                String result = test.get("result").asText();
                byte[] expected = HEX.parseHex(test.get("shared").asText());
                switch (result) {
                    case "valid" -> assertThat(secret).as(id).isEqualTo(expected);
                    case "invalid" -> assertThat(secret).as(id + ": agreed with a bad public key").isNull();
                    default -> {
                        if (secret != null) {
                            assertThat(secret).as(id + ": an accepted key must give the expected secret").isEqualTo(expected);
                        }
                    }
                }
                counts.merge(result, 1, Integer::sum);
            }
        }
        return counts;
    }
}
