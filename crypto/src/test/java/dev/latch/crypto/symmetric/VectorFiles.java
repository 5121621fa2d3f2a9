package dev.latch.crypto.symmetric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.testkit.TestResources;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the vector files under src/test/resources/dev/latch/crypto/symmetric (see VECTORS.md there). */
final class VectorFiles {
    static final String DIR = "dev/latch/crypto/symmetric/";

    private VectorFiles() {
    }

    private static List<String> lines(String name) throws IOException {
        return Files.readAllLines(TestResources.path(DIR + name));
    }

    /**
     * A NIST CAVP GCM response file: {@code Key/IV/PT/AAD/CT/Tag} records, a decrypt file's
     * records having either {@code PT} or {@code FAIL}. Only 96-bit IV, 128-bit tag sections are kept.
     */
    static List<AeadVector> nistCavp(String name) throws IOException {
        List<AeadVector> vectors = new ArrayList<>();
        Map<String, String> record = new LinkedHashMap<>();
        String section = "";
        List<String> lines = new ArrayList<>(lines(name));
        lines.add("");
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                section = line.startsWith("[Keylen") ? line : section + line;
                boolean unused = line.startsWith("[IVlen") && !line.equals("[IVlen = 96]")
                        || line.startsWith("[Taglen") && !line.equals("[Taglen = 128]");
                if (unused) {
                    throw new AssertionError(name + " has a section Latch does not use: " + line);
                }
            } else if (line.isEmpty()) {
                if (record.containsKey("Count")) {
                    vectors.add(new AeadVector(name + " " + section + " Count " + record.get("Count"),
                            AeadVector.hex(record.get("Key")), AeadVector.hex(record.get("IV")), AeadVector.hex(record.get("AAD")),
                            record.containsKey("PT") ? AeadVector.hex(record.get("PT")) : null,
                            AeadVector.hex(record.get("CT")), AeadVector.hex(record.get("Tag")), !record.containsKey("FAIL")));
                }
                record.clear();
            } else if (line.equals("FAIL")) {
                record.put("FAIL", "");
            } else if (!line.startsWith("#")) {
                String[] field = line.split("=", 2);
                record.put(field[0].strip(), field[1].strip());
            }
        }
        return vectors;
    }

    /** RFC 8439's AEAD vectors: {@code name = …} records of hex fields, a blank line after each. */
    static List<AeadVector> rfc8439() throws IOException {
        List<AeadVector> vectors = new ArrayList<>();
        Map<String, String> record = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>(lines("rfc8439/aead-vectors.txt"));
        lines.add("");
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() && record.containsKey("name")) {
                vectors.add(new AeadVector(record.get("name"), AeadVector.hex(record.get("key")), AeadVector.hex(record.get("nonce")),
                        AeadVector.hex(record.get("aad")), AeadVector.hex(record.get("plaintext")),
                        AeadVector.hex(record.get("ciphertext")), AeadVector.hex(record.get("tag")), true));
                record.clear();
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                String[] field = line.split(" = ", 2);
                record.put(field[0], field[1]);
            }
        }
        return vectors;
    }

    /** A Wycheproof AEAD test group: its sizes in bits and its tests. */
    record WycheproofGroup(int keyBits, int nonceBits, int tagBits, List<AeadVector> tests, List<String> results) {
    }

    static List<WycheproofGroup> wycheproof(String name) throws IOException {
        JsonNode file = new ObjectMapper().readTree(TestResources.path(DIR + "wycheproof/" + name).toFile());
        List<WycheproofGroup> groups = new ArrayList<>();
        for (JsonNode group : file.get("testGroups")) {
            List<AeadVector> tests = new ArrayList<>();
            List<String> results = new ArrayList<>();
            for (JsonNode test : group.get("tests")) {
                String result = test.get("result").asText();
                tests.add(new AeadVector(name + " tcId " + test.get("tcId").asInt() + " (" + test.get("comment").asText() + ")",
                        AeadVector.hex(test.get("key").asText()), AeadVector.hex(test.get("iv").asText()),
                        AeadVector.hex(test.get("aad").asText()), AeadVector.hex(test.get("msg").asText()),
                        AeadVector.hex(test.get("ct").asText()), AeadVector.hex(test.get("tag").asText()), result.equals("valid")));
                results.add(result);
            }
            groups.add(new WycheproofGroup(group.get("keySize").asInt(), group.get("ivSize").asInt(), group.get("tagSize").asInt(),
                    tests, results));
        }
        return groups;
    }
}
