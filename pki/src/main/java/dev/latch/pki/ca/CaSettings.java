package dev.latch.pki.ca;

import dev.latch.core.LatchException;
import dev.latch.core.io.AtomicFiles;
import dev.latch.core.io.Inputs;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

/**
 * A CA's settings, kept in {@code ca.properties}: where the registry lives and which URLs issued
 * certificates point to for revocation status. The file is written last by {@code init}, so its
 * presence marks a complete CA.
 */
public record CaSettings(String registryUrl, String crlUrl, String ocspUrl) {

    public static CaSettings load(CaHome home) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(Inputs.read(home.config()), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new LatchException(home.config() + ": unreadable CA settings: " + e.getMessage());
        }
        String registry = properties.getProperty("registry.url", home.defaultRegistryUrl());
        return new CaSettings(registry, blankToNull(properties.getProperty("crl.url")),
                blankToNull(properties.getProperty("ocsp.url")));
    }

    public void save(CaHome home) {
        Properties properties = new Properties();
        properties.setProperty("registry.url", registryUrl);
        Optional.ofNullable(crlUrl).ifPresent(url -> properties.setProperty("crl.url", url));
        Optional.ofNullable(ocspUrl).ifPresent(url -> properties.setProperty("ocsp.url", url));
        StringWriter out = new StringWriter();
        try {
            properties.store(out, "Latch local CA settings");
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        // 0600: a registry URL may carry database credentials
        AtomicFiles.write(home.config(), out.toString().getBytes(StandardCharsets.UTF_8), true);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
