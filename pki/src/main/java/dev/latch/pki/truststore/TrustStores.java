package dev.latch.pki.truststore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The trust stores clients look in, like mkcert finds them: every one that exists on this machine,
 * or one the user names. Stores that were found are skipped with a reason when they cannot be
 * changed (not writable, tool missing); stores the user named fail instead.
 */
public final class TrustStores {
    private TrustStores() {
    }

    /** Every store that exists: the system store, Chromium's NSS database, each Firefox profile, the JDK's cacerts. */
    public static List<TrustStore> discover(TrustStoreLocations locations) {
        List<TrustStore> stores = new ArrayList<>();
        stores.add(system(locations, false));
        if (Files.isRegularFile(locations.chromiumNss().resolve("cert9.db"))) {
            stores.add(new NssTrustStore(locations.chromiumNss(), "Chromium", false));
        }
        for (Path profile : locations.firefoxProfiles()) {
            stores.add(new NssTrustStore(profile, "Firefox", false));
        }
        stores.add(java(locations, false));
        return stores;
    }

    public static TrustStore system(TrustStoreLocations locations, boolean chosen) {
        return new SystemTrustStore(locations.systemCaDir(), locations.systemUpdate(), chosen);
    }

    public static TrustStore java(TrustStoreLocations locations, boolean chosen) {
        return new JavaTrustStore(locations.javaCacerts(), locations.keytool(), chosen);
    }

    /** An NSS database the user names; created when missing. */
    public static TrustStore nss(Path dir) {
        return new NssTrustStore(dir, null, true);
    }

    /** A PKCS#12 trust store file the user names; created when missing. */
    public static TrustStore pkcs12(Path file, char[] password) {
        return new Pkcs12TrustStore(file, password);
    }
}
