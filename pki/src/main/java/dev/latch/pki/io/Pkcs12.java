package dev.latch.pki.io;

import dev.latch.core.LatchException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * PKCS#12 (RFC 7292) bundles through the JDK's key store, which since JDK 18 protects them with
 * PBES2/AES-256 and an HMAC-SHA256 MAC, as OpenSSL 3 does.
 */
public final class Pkcs12 {
    private Pkcs12() {
    }

    /** A bundle of a private key and its chain (leaf first), as servers and browsers import it. */
    public static byte[] keyAndChain(String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
        try {
            KeyStore store = empty();
            store.setKeyEntry(alias, key, password, chain.toArray(Certificate[]::new));
            return save(store, password);
        } catch (GeneralSecurityException e) {
            throw new LatchException("cannot build the PKCS#12 bundle: " + e.getMessage(), null, e);
        }
    }

    /** A trust store: certificates only, each marked trusted. */
    public static byte[] trustStore(String alias, X509Certificate certificate, char[] password) {
        try {
            KeyStore store = empty();
            store.setCertificateEntry(alias, certificate);
            return save(store, password);
        } catch (GeneralSecurityException e) {
            throw new LatchException("cannot build the PKCS#12 trust store: " + e.getMessage(), null, e);
        }
    }

    /** Opens an existing store, to add to it. */
    public static KeyStore load(byte[] data, char[] password, String source) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(data), password);
            return store;
        } catch (IOException e) {
            throw new LatchException(source + ": cannot open the PKCS#12 store: " + e.getMessage(),
                    "check the store password (--store-password)", e);
        } catch (GeneralSecurityException e) {
            throw new LatchException(source + ": not a readable PKCS#12 store: " + e.getMessage(), null, e);
        }
    }

    public static byte[] save(KeyStore store, char[] password) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            store.store(out, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new LatchException("cannot write the PKCS#12 store: " + e.getMessage(), null, e);
        }
        return out.toByteArray();
    }

    private static KeyStore empty() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("an empty key store always loads", e);
        }
        return store;
    }
}
