package dev.latch.cli.key;

import dev.latch.cli.support.CommandName;
import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.Json;
import dev.latch.cli.support.PassphraseOptions;
import dev.latch.core.UsageException;
import dev.latch.core.keys.KeyType;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.core.keys.PrivateKeys;
import dev.latch.crypto.keys.KeyDescription;
import dev.latch.crypto.keys.KeyEncryption;
import dev.latch.crypto.keys.KeyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = {
                "Generate a private key, encrypted at rest with a passphrase.",
                "",
                "Written as PKCS#8 PEM with mode 0600 from its creation, encrypted with PBES2",
                "(AES-256-CBC, PBKDF2-HMAC-SHA256, " + PrivateKeys.PBKDF2_ITERATIONS + " iterations, random salt) under a",
                "passphrase of at least 8 characters from --passphrase-file, $LATCH_PASSPHRASE",
                "or a prompt (asked twice). OpenSSL reads it: openssl pkey -in KEY.",
                "An existing file is never replaced without --force."})
public final class KeyGenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PassphraseOptions passphrase;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "ec-p256",
            description = "Key type: ec-p256 (default), ec-p384, rsa-2048, rsa-3072, rsa-4096, ed25519.")
    KeyType type;

    @Option(names = {"-o", "--out"}, paramLabel = "KEY", required = true, description = "The file to write the private key to.")
    Path out;

    @Option(names = "--no-encrypt",
            description = "Write the key UNENCRYPTED: anyone who can read the file, or a copy of it, has the key.")
    boolean noEncrypt;

    @Option(names = "--force", description = "Replace KEY if it exists.")
    boolean force;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (noEncrypt && passphrase.fileGiven()) {
            throw new UsageException("--no-encrypt and --passphrase-file contradict each other",
                    "drop --passphrase-file to write the key unencrypted, or --no-encrypt to encrypt it");
        }
        KeyOutput.checkWritable(out, force);
        char[] secret = noEncrypt ? null : passphrase.newPassphrase("the new key " + out);
        String pem;
        KeyPair pair = type.generate();
        try {
            pem = PrivateKeys.toPem(pair.getPrivate(), secret);
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
        KeyOutput.write(out, pem, true, force);
        // the report describes the written bytes themselves, read back without the passphrase
        KeyEncryption encryption = KeyFile.read(pem.getBytes(StandardCharsets.US_ASCII), out.toString(), PassphraseSource.NONE).encryption();
        KeyDescription key = KeyDescription.of(pair.getPublic());
        if (noEncrypt) {
            spec.commandLine().getErr().println("latch key generate: WARNING: " + out + " is NOT encrypted: anyone who can read it "
                    + "(or a backup or copy of it) can use the key; mode 0600 keeps only other local users out");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("file", out.toString());
            result.put("type", type.cliName());
            result.put("algorithm", key.name());
            result.put("mode", "0600");
            result.put("encrypted", encryption != null);
            if (encryption != null) {
                result.put("encryption", KeyInspectCommand.describe(encryption));
            }
            result.put("publicKeySha256", key.sha256());
            result.put("pin", key.pin());
            Json.print(stdout, result);
            return ExitCodes.OK;
        }
        stdout.println("Generated " + article(key.name()) + " " + key.name() + " key: " + out);
        stdout.println("  file        mode 0600, PKCS#8 PEM, " + (encryption == null ? "NOT encrypted"
                : "encrypted: " + KeyInspectCommand.summary(encryption)));
        stdout.println("  public key  SHA-256 " + key.sha256());
        stdout.println("  pin         " + key.pin() + "   (for latch get --pin, curl --pinnedpubkey)");
        stdout.println();
        stdout.println("Next: its public key, to hand out   " + CommandName.get() + " key public " + out + " -o " + publicName(out));
        return ExitCodes.OK;
    }

    private static String article(String name) {
        return name.startsWith("E") || name.startsWith("R") ? "an" : "a";
    }

    /** me.key becomes me.pub; key.pem becomes key.pub.pem. */
    private static String publicName(Path key) {
        String name = key.toString();
        if (name.endsWith(".key")) {
            return name.substring(0, name.length() - ".key".length()) + ".pub";
        }
        return name.endsWith(".pem") ? name.substring(0, name.length() - ".pem".length()) + ".pub.pem" : name + ".pub";
    }
}
