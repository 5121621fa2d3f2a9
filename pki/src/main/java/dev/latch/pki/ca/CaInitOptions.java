package dev.latch.pki.ca;

import dev.latch.pki.cert.NameConstraint;
import dev.latch.core.keys.KeyType;

import java.util.List;

/**
 * How to create a local CA.
 *
 * @param keyType        key type of the root and the intermediate
 * @param passphrase     encrypts both CA keys when not null
 * @param commonName     base of the CAs' common names, e.g. "Latch Local" gives "Latch Local Root CA"
 * @param registryUrl    JDBC URL of the registry; null for SQLite in the CA home
 * @param crlUrl         CRL distribution point written into issued certificates, or null
 * @param ocspUrl        OCSP responder URL written into issued certificates, or null
 * @param permitted      name constraints on the intermediate: names it may issue for
 * @param excluded       name constraints on the intermediate: names it may never issue for
 */
public record CaInitOptions(KeyType keyType, char[] passphrase, String commonName, String registryUrl,
                            String crlUrl, String ocspUrl, List<NameConstraint> permitted,
                            List<NameConstraint> excluded) {

    public static CaInitOptions defaults() {
        return new CaInitOptions(KeyType.DEFAULT, null, null, null, null, null, List.of(), List.of());
    }

    public CaInitOptions withPassphrase(char[] passphrase) {
        return new CaInitOptions(keyType, passphrase, commonName, registryUrl, crlUrl, ocspUrl, permitted, excluded);
    }
}
