package dev.latch.trust;

import dev.latch.core.LatchException;
import dev.latch.core.io.Inputs;
import dev.latch.pki.cert.Certificates;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The certificates trusted without question: a PEM bundle, a directory of them, the JDK's
 * {@code cacerts} or the system's bundle. Certificates that cannot be parsed are left out and
 * noted, so one bad entry in a large bundle does not hide the rest.
 */
public final class TrustAnchors {
    /** Where Debian (and most Linux distributions) keep the system bundle. */
    public static final Path SYSTEM_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");
    /** A certificate's name in an OpenSSL hashed directory: the subject hash and a counter ({@code HASH.rN} are CRLs). */
    private static final java.util.regex.Pattern HASHED_NAME = java.util.regex.Pattern.compile("[0-9a-f]{8}\\.[0-9]+");

    private final String source;
    private final List<ParsedCertificate> certificates;
    private final List<String> skipped;
    // indexed once, as the store is loaded once: not on every validation (a system store has ~150 roots)
    private final Map<String, List<ParsedCertificate>> bySubject = new HashMap<>();
    private final Set<ParsedCertificate> anchors = Collections.newSetFromMap(new IdentityHashMap<>());

    private TrustAnchors(String source, List<ParsedCertificate> certificates, List<String> skipped) {
        this.source = source;
        this.certificates = List.copyOf(certificates);
        this.skipped = List.copyOf(skipped);
        for (ParsedCertificate anchor : this.certificates) {
            bySubject.computeIfAbsent(anchor.subjectKey(), k -> new ArrayList<>()).add(anchor);
            anchors.add(anchor);
        }
        bySubject.replaceAll((subject, list) -> List.copyOf(list));
    }

    public static TrustAnchors of(String source, Collection<byte[]> ders) {
        List<ParsedCertificate> parsed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int index = 0;
        for (byte[] der : ders) {
            index++;
            try {
                parsed.add(ParsedCertificate.parse(der));
            } catch (IllegalArgumentException e) {
                skipped.add(source + " #" + index + ": " + e.getMessage());
            }
        }
        return new TrustAnchors(source, parsed, skipped);
    }

    /**
     * Every certificate in a PEM/DER file, or in every *.pem, *.crt, *.cer file of a directory and
     * every {@code HASH.N} file of an OpenSSL hashed directory ({@code openssl rehash}, {@code c_rehash},
     * curl's {@code --capath}); a file reached under two names (a hash link beside its target) is read once,
     * and a certificate found in two files counts once.
     */
    public static TrustAnchors fromPath(Path path) {
        List<byte[]> ders = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.list(path)) {
                Set<Path> read = new java.util.HashSet<>();
                Set<ExactBytes> distinct = new java.util.HashSet<>(); // /etc/ssl/certs holds each root alone and in its bundle
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                    boolean certificateFile = name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer")
                            || HASHED_NAME.matcher(name).matches();
                    if (certificateFile && Files.isRegularFile(file) && read.add(file.toRealPath())) {
                        for (byte[] der : Certificates.readDer(Inputs.read(file), file.toString())) {
                            if (distinct.add(new ExactBytes(der))) {
                                ders.add(der);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new LatchException(path + ": cannot list the directory: " + e.getMessage());
            }
        } else {
            ders.addAll(Certificates.readDer(Inputs.read(path), path.toString()));
        }
        if (ders.isEmpty()) {
            throw new LatchException(path + ": no certificates found", "pass a PEM bundle or a directory of PEM files");
        }
        return of(path.toString(), ders);
    }

    /** The JDK's default trust store ({@code cacerts}). */
    public static TrustAnchors jdk() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            List<byte[]> ders = new ArrayList<>();
            for (var manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate certificate : x509.getAcceptedIssuers()) {
                        ders.add(certificate.getEncoded());
                    }
                }
            }
            return of("the JDK trust store (cacerts)", ders);
        } catch (GeneralSecurityException e) {
            throw new LatchException("cannot read the JDK trust store: " + e.getMessage());
        }
    }

    public static TrustAnchors system() {
        if (!Files.exists(SYSTEM_BUNDLE)) {
            throw new LatchException("no system trust store at " + SYSTEM_BUNDLE, "install ca-certificates, or pass --ca FILE");
        }
        TrustAnchors anchors = fromPath(SYSTEM_BUNDLE);
        return new TrustAnchors("the system trust store (" + SYSTEM_BUNDLE + ")", anchors.certificates, anchors.skipped);
    }

    public String source() {
        return source;
    }

    List<ParsedCertificate> certificates() {
        return certificates;
    }

    /** The anchors whose subject is this name (in {@link ParsedCertificate#comparable} form). */
    List<ParsedCertificate> withSubject(String subjectKey) {
        return bySubject.getOrDefault(subjectKey, List.of());
    }

    /** Whether this very object is one of the anchors (read-only after construction: safe from any thread). */
    boolean isAnchor(ParsedCertificate certificate) {
        return anchors.contains(certificate);
    }

    /** The anchors as JDK certificates, e.g. for {@code X509TrustManager.getAcceptedIssuers()}. */
    public List<X509Certificate> x509Certificates() {
        List<X509Certificate> out = new ArrayList<>();
        for (ParsedCertificate anchor : certificates) {
            try {
                out.add(dev.latch.pki.cert.Certificates.fromDer(anchor.der(), source));
            } catch (LatchException e) {
                // the JDK cannot parse it; Latch still trusts it, but cannot name it to JSSE
            }
        }
        return out;
    }

    public int size() {
        return certificates.size();
    }

    public List<String> skipped() {
        return skipped;
    }
}
