package dev.latch.cli.key;

import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.Json;
import dev.latch.cli.support.PassphraseOptions;
import dev.latch.cli.support.TreeText;
import dev.latch.crypto.keys.KeyDescription;
import dev.latch.crypto.keys.KeyEncryption;
import dev.latch.crypto.keys.KeyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
                "Say what a key is, never printing its secret.",
                "",
                "Private or public; algorithm and size (curve for EC) with the security",
                "strength that gives (NIST SP 800-57); the SHA-256 of its public key",
                "(SubjectPublicKeyInfo) and its pin; whether it is encrypted, and how: scheme,",
                "key derivation with its iterations and salt, cipher. The encryption is read",
                "without the passphrase; the type, size and fingerprint of an encrypted key",
                "need it (--passphrase-file, $LATCH_PASSPHRASE or a prompt). What makes a key",
                "or its protection weak is listed under warnings."})
public final class KeyInspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(paramLabel = "KEY", description = "A key file (PEM or DER, private or public), or - for standard input.")
    String key;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        KeyFile file = KeyInput.read(key, passphrase.source());
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        out.put("file", file.source());
        out.put("kind", file.isPrivate() ? "private key" : "public key");
        if (file.publicKey() != null) {
            KeyDescription description = KeyDescription.of(file.publicKey());
            out.put("algorithm", description.algorithm());
            if (description.curve() != null) {
                out.put("curve", description.curve());
            }
            out.put("bits", description.bits());
            out.put("strength", description.strength() > 0 ? description.strength() + " bits" : "unknown");
            if (description.latchType() != null) {
                out.put("latchType", description.latchType().cliName());
            }
            out.put("publicKeySha256", description.sha256());
            out.put("pin", description.pin());
            warnings.addAll(description.warnings());
        }
        if (file.isPrivate()) {
            out.put("encrypted", file.encryption() != null);
            if (file.encryption() != null) {
                out.put("encryption", describe(file.encryption()));
                warnings.addAll(file.encryption().warnings());
            } else {
                warnings.add("the private key is not encrypted: anyone who can read the file can use it");
            }
        }
        if (file.locked()) {
            out.put("note", "the key's type, size and fingerprint are inside the encryption: give its passphrase "
                    + "(--passphrase-file FILE or LATCH_PASSPHRASE) to see them");
        }
        out.put("warnings", warnings);
        if (json) {
            Json.print(spec.commandLine().getOut(), out);
        } else {
            TreeText.print(spec.commandLine().getOut(), out, 0);
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }

    /** The encryption's parameters, for the text and the JSON. */
    static Map<String, Object> describe(KeyEncryption encryption) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scheme", encryption.scheme());
        out.put("kdf", encryption.kdf());
        if (encryption.prf() != null) {
            out.put("prf", encryption.prf());
        }
        if (encryption.iterations() > 0) {
            out.put("iterations", encryption.iterations());
        }
        if (encryption.saltBytes() > 0) {
            out.put("saltBytes", encryption.saltBytes());
        }
        out.put("cipher", encryption.cipher());
        return out;
    }

    /** "PBES2, PBKDF2-HMAC-SHA256 600000 iterations, AES-256-CBC". */
    static String summary(KeyEncryption encryption) {
        String kdf = encryption.prf() != null ? encryption.kdf() + "-" + encryption.prf() : encryption.kdf();
        String iterations = encryption.prf() != null && encryption.iterations() > 0 ? " " + encryption.iterations() + " iterations" : "";
        return encryption.scheme() + ", " + kdf + iterations + ", " + encryption.cipher();
    }
}
