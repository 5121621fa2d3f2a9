package dev.latch.pki.ca;

import dev.latch.core.LatchException;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateBuilder;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.pki.cert.Certificates;
import dev.latch.pki.cert.SerialNumbers;
import dev.latch.core.io.AtomicFiles;
import dev.latch.core.io.AtomicFiles.FileContent;
import dev.latch.core.io.Inputs;
import dev.latch.core.pem.Pem;
import dev.latch.core.keys.KeyPairs;
import dev.latch.core.keys.KeyType;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.core.keys.PrivateKeys;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A local certificate authority: a root that stays offline in spirit (it signs only the
 * intermediate and its CRL) and an intermediate that issues leaves. Every certificate issued is
 * recorded in the {@link CaRegistry} before anyone can see it.
 */
public final class LocalCa implements AutoCloseable {
    /** How many fresh serials to try if the registry already holds one (with 158 random bits: never). */
    private static final int SERIAL_ATTEMPTS = 3;
    private static final Duration CRL_LIFETIME = Duration.ofDays(7);

    private final CaHome home;
    private final CaSettings settings;
    private final X509Certificate root;
    private final X509Certificate intermediate;
    private final PassphraseSource passphrases;
    private final CaRegistry registry;
    private PrivateKey intermediateKey;
    private PublicKey intermediatePublicKey;

    private LocalCa(CaHome home, CaSettings settings, X509Certificate root, X509Certificate intermediate,
                    PassphraseSource passphrases, CaRegistry registry) {
        this.home = home;
        this.settings = settings;
        this.root = root;
        this.intermediate = intermediate;
        this.passphrases = passphrases;
        this.registry = registry;
        this.intermediatePublicKey = intermediate.getPublicKey();
    }

    public static boolean exists(CaHome home) {
        return Files.exists(home.config());
    }

    /**
     * Opens an existing CA. Keys are read (and decrypted) only when an operation needs them.
     * Issuances that a crash interrupted are settled first; each is reported on stderr in one line.
     */
    public static LocalCa open(CaHome home, PassphraseSource passphrases) {
        return open(home, passphrases, notice -> System.err.println("latch ca: " + notice));
    }

    /**
     * Opens an existing CA, first finishing or rolling back the issuances that a crash interrupted
     * (see {@link IssuanceRecovery}); {@code notices} hears what was done, one line each.
     */
    public static LocalCa open(CaHome home, PassphraseSource passphrases, Consumer<String> notices) {
        if (!exists(home)) {
            throw new LatchException("no CA at " + home.dir(), "create one with 'latch ca init' (or pass --home DIR)");
        }
        CaSettings settings = CaSettings.load(home);
        X509Certificate root = Certificates.readOne(Inputs.read(home.rootCertificate()), home.rootCertificate().toString());
        X509Certificate intermediate = Certificates.readOne(Inputs.read(home.intermediateCertificate()),
                home.intermediateCertificate().toString());
        LocalCa ca = new LocalCa(home, settings, root, intermediate, passphrases, CaRegistry.open(settings.registryUrl()));
        try {
            IssuanceRecovery.recoverAll(home, ca.registry, notices);
        } catch (LatchException e) {
            notices.accept("cannot settle interrupted issuances: " + e.getMessage());
        }
        return ca;
    }

    /**
     * Creates a root and an intermediate in {@code home}. Refuses when a CA is there already.
     * {@code ca.properties} is written last: a crash before it leaves no CA that could be opened.
     */
    public static LocalCa init(CaHome home, CaInitOptions options) {
        if (exists(home)) {
            throw new LatchException("a CA already exists at " + home.dir(),
                    "refusing to overwrite it; use it as it is, or pass --home DIR for a new one");
        }
        createPrivateDirectory(home.dir());
        String registryUrl = options.registryUrl() != null ? options.registryUrl() : home.defaultRegistryUrl();
        if (options.registryUrl() == null) {
            deleteLeftoverOfFailedInit(home.registryDatabase());
        }
        deleteTempsOfFailedInit(home.dir());
        String baseName = options.commonName() != null ? options.commonName() : "Latch Local";
        Instant now = Instant.now();
        Instant notBefore = now.minus(CertificateProfile.BACKDATE);
        KeyPair rootKeys = options.keyType().generate();
        // a short tag from the root's key tells two Latch CAs apart in a trust store
        String tag = HexFormat.of().formatHex(CertificateBuilder.keyIdentifier(rootKeys.getPublic()), 0, 3);
        X500Name rootName = caName(baseName + " Root CA " + tag);
        X500Name intermediateName = caName(baseName + " Intermediate CA " + tag);
        CertificateBuilder rootBuilder = new CertificateBuilder()
                .serial(SerialNumbers.random())
                .subject(rootName)
                .publicKey(rootKeys.getPublic())
                .validity(notBefore, now.plus(CertificateProfile.ROOT_CA.defaultValidity()));
        CertificateProfile.ROOT_CA.apply(rootBuilder, options.keyType(), null);
        X509Certificate rootCert = rootBuilder.selfSign(rootKeys.getPrivate());

        KeyPair intermediateKeys = options.keyType().generate();
        CertificateBuilder intermediateBuilder = new CertificateBuilder()
                .serial(SerialNumbers.random())
                .subject(intermediateName)
                .publicKey(intermediateKeys.getPublic())
                .validity(notBefore, now.plus(CertificateProfile.INTERMEDIATE_CA.defaultValidity()))
                .permit(options.permitted())
                .exclude(options.excluded());
        CertificateProfile.INTERMEDIATE_CA.apply(intermediateBuilder, options.keyType(), 0);
        X509Certificate intermediateCert = intermediateBuilder.signWith(rootCert, rootKeys.getPrivate());

        char[] passphrase = options.passphrase();
        List<FileContent> files = List.of(
                FileContent.secret(home.rootKey(), utf8(PrivateKeys.toPem(rootKeys.getPrivate(), passphrase))),
                FileContent.open(home.rootCertificate(), utf8(Pem.certificate(rootCert))),
                FileContent.secret(home.intermediateKey(), utf8(PrivateKeys.toPem(intermediateKeys.getPrivate(), passphrase))),
                FileContent.open(home.intermediateCertificate(), utf8(Pem.certificate(intermediateCert))));
        AtomicFiles.Staged staged = AtomicFiles.stage(files, true);
        try (CaRegistry registry = CaRegistry.open(registryUrl)) {
            registry.record(rootCert, CertificateProfile.ROOT_CA, "");
            registry.record(intermediateCert, CertificateProfile.INTERMEDIATE_CA, "");
            staged.commit();
        } catch (RuntimeException e) {
            staged.abort();
            throw e;
        }
        CaSettings settings = new CaSettings(registryUrl, options.crlUrl(), options.ocspUrl());
        settings.save(home);
        return open(home, PassphraseSource.of(passphrase));
    }

    /** The CA directory (and its journal folder) is the owner's alone (0700), like ~/.ssh. */
    static void createPrivateDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            }
        } catch (UnsupportedOperationException e) {
            try {
                Files.createDirectories(dir);
            } catch (java.io.IOException io) {
                throw new LatchException("cannot create the CA directory " + dir + ": " + io.getMessage());
            }
        } catch (java.io.IOException e) {
            throw new LatchException("cannot create the CA directory " + dir + ": " + e.getMessage(),
                    "check that its parent exists and is writable, or pass --home DIR");
        }
    }

    private static void deleteLeftoverOfFailedInit(Path registryDatabase) {
        try {
            Files.deleteIfExists(registryDatabase);
            Files.deleteIfExists(Path.of(registryDatabase + "-wal"));
            Files.deleteIfExists(Path.of(registryDatabase + "-shm"));
        } catch (java.io.IOException e) {
            throw new LatchException("cannot remove " + registryDatabase + " left by an earlier failed init: " + e.getMessage());
        }
    }

    /** Temporary files of an init that crashed may hold the keys of a CA that never came to be. */
    private static void deleteTempsOfFailedInit(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(".")
                    && f.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (java.io.IOException e) {
            throw new LatchException("cannot remove the temporary files left in " + dir + " by an earlier failed init: "
                    + e.getMessage());
        }
    }

    private static X500Name caName(String commonName) {
        String who = System.getProperty("user.name", "user") + "@" + hostName();
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Latch local CA")
                .addRDN(BCStyle.OU, who)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    public CaHome home() {
        return home;
    }

    public CaSettings settings() {
        return settings;
    }

    public X509Certificate root() {
        return root;
    }

    public X509Certificate intermediate() {
        return intermediate;
    }

    public CaRegistry registry() {
        return registry;
    }

    /** Issues and records a leaf; see {@link #issue(IssueRequest, Function)}. */
    public Issued issue(IssueRequest request) {
        return issue(request, issued -> List.of());
    }

    /**
     * Issues a leaf certificate and writes the files that {@code files} derives from it, as one
     * recoverable transaction: the journal records the files, the serial is reserved in the
     * registry, the files are staged (keys 0600 from the start) and flushed, the row says written,
     * the files are renamed into place, and only then is the row valid. A failure rolls it back;
     * a crash is finished or rolled back by the next {@link #open}. Without files, the certificate
     * is recorded valid at once.
     */
    public Issued issue(IssueRequest request, Function<Issued, List<FileContent>> files) {
        if (request.profile().isCa()) {
            throw new LatchException("the local CA issues leaf certificates only, not " + request.profile().id());
        }
        request.profile().checkNames(request.names());
        PrivateKey signingKey = intermediateKey();
        KeyPair generated = request.publicKey() == null ? request.keyType().generate() : null;
        PublicKey subjectKey = generated != null ? generated.getPublic() : request.publicKey();
        KeyType subjectKeyType = KeyType.of(subjectKey);

        Instant now = Instant.now();
        Duration validity = request.validity() != null ? request.validity() : request.profile().defaultValidity();
        if (validity.isNegative() || validity.isZero()) {
            throw new LatchException("validity must be positive, not " + validity.toDays() + " days");
        }
        Instant notAfter = now.plus(validity);
        if (notAfter.isAfter(intermediate.getNotAfter().toInstant())) {
            notAfter = intermediate.getNotAfter().toInstant(); // a leaf never outlives its issuer
        }
        PausePoints.reached("started");
        for (int attempt = 0; attempt < SERIAL_ATTEMPTS; attempt++) {
            CertificateBuilder builder = new CertificateBuilder()
                    .serial(SerialNumbers.random())
                    .subject(leafSubject(request.names()))
                    .publicKey(subjectKey)
                    .validity(now.minus(CertificateProfile.BACKDATE), notAfter)
                    .altNames(request.names());
            request.profile().apply(builder, subjectKeyType, null);
            String crlUrl = settings.crlUrl() != null ? settings.crlUrl() : request.crlUrl();
            if (crlUrl != null) {
                builder.crlDistributionPoint(crlUrl);
            }
            if (settings.ocspUrl() != null) {
                builder.ocsp(settings.ocspUrl());
            }
            X509Certificate certificate = builder.signWith(intermediate, signingKey);
            Issued issued = new Issued(certificate, generated == null ? null : generated.getPrivate(),
                    List.of(certificate, intermediate), root);
            List<FileContent> contents = files.apply(issued);
            boolean done = contents.isEmpty()
                    ? registry.record(certificate, request.profile(), names(request.names()))
                    : issueWithFiles(certificate, request, contents);
            if (done) {
                return issued;
            }
        }
        throw new LatchException("the registry refused " + SERIAL_ATTEMPTS + " fresh serial numbers in a row",
                "check the registry at " + registry.url());
    }

    /** The steps of {@link #issue} when files are written; false when the serial was taken already. */
    private boolean issueWithFiles(X509Certificate certificate, IssueRequest request, List<FileContent> contents) {
        BigInteger serial = certificate.getSerialNumber();
        IssuanceJournal journal = IssuanceJournal.begin(home, serial, contents);
        PausePoints.reached("journaled");
        boolean reserved;
        try {
            reserved = registry.reserve(certificate, request.profile(), names(request.names()));
        } catch (RuntimeException e) {
            journal.release(); // whether the row was written is unknown: the next open settles it
            throw e;
        }
        if (!reserved) {
            journal.end(); // the serial is someone else's: nothing of this attempt was written
            return false;
        }
        try {
            PausePoints.reached("reserved");
            for (int i = 0; i < contents.size(); i++) {
                AtomicFiles.writeTemp(contents.get(i), journal.files().get(i).temp());
                PausePoints.reached("temp-written-" + (i + 1));
            }
            advance(serial, RegistryEntry.Status.RESERVED, RegistryEntry.Status.WRITTEN);
            PausePoints.reached("written");
            for (int i = 0; i < contents.size(); i++) {
                AtomicFiles.replace(journal.files().get(i).temp(), journal.files().get(i).target());
                PausePoints.reached("renamed-" + (i + 1));
            }
            IssuanceRecovery.syncDirectories(journal);
            PausePoints.reached("files-renamed");
            advance(serial, RegistryEntry.Status.WRITTEN, RegistryEntry.Status.VALID);
            PausePoints.reached("valid");
        } catch (RuntimeException e) {
            try {
                IssuanceRecovery.rollBack(journal, registry);
            } catch (RuntimeException rollBack) {
                journal.release(); // the next open settles it
                e.addSuppressed(rollBack);
            }
            throw e;
        }
        try {
            journal.end();
        } catch (LatchException e) {
            journal.release(); // issued and valid; the next open removes the journal
        }
        return true;
    }

    private void advance(BigInteger serial, RegistryEntry.Status from, RegistryEntry.Status to) {
        if (!registry.advance(serial, from, to)) {
            throw new LatchException("the registry row of serial " + SerialNumbers.hex(serial) + " changed during its issuance",
                    "check who else writes to the registry at " + registry.url());
        }
    }

    /** A leaf's subject is just CN = its first name, which the CA/Browser Forum requires to be in the SANs. */
    private static X500Name leafSubject(List<AltName> names) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, names.get(0).value()).build();
    }

    private static String names(List<AltName> names) {
        return names.stream().map(AltName::toString).collect(Collectors.joining(", "));
    }

    /** Revokes a certificate this CA issued; publish the change with {@link #crl(boolean)}. */
    public RegistryEntry revoke(BigInteger serial, RevocationReason reason) {
        return registry.revoke(serial, reason, Instant.now());
    }

    /**
     * A signed CRL (RFC 5280 §5) of the certificates the intermediate issued and that were revoked,
     * or with {@code root}, of the root's (revoked intermediates).
     */
    public X509CRLHolder crl(boolean ofRoot) {
        X509Certificate issuer = ofRoot ? root : intermediate;
        PrivateKey key = ofRoot ? rootKey() : intermediateKey();
        Instant now = Instant.now();
        X500Name issuerName = X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        X509v2CRLBuilder builder = new X509v2CRLBuilder(issuerName, Date.from(now));
        builder.setNextUpdate(Date.from(now.plus(CRL_LIFETIME)));
        for (RegistryEntry entry : registry.revokedBy(issuer.getSubjectX500Principal().getName())) {
            builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), entry.revocationReason().code());
        }
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(CertificateBuilder.keyIdentifier(issuer.getPublicKey())));
            builder.addExtension(Extension.cRLNumber, false,
                    new CRLNumber(registry.nextCrlNumber(issuer.getSubjectX500Principal().getName())));
            return builder.build(new JcaContentSignerBuilder(KeyType.of(issuer.getPublicKey()).signatureAlgorithm()).build(key));
        } catch (CertIOException | OperatorCreationException e) {
            throw new LatchException("cannot sign the CRL: " + e.getMessage(), null, e);
        }
    }

    /**
     * Reads (and decrypts) the issuing key now, so that a long-running process that issues later,
     * such as a server renewing its certificate at night, never has to ask for the passphrase then.
     */
    public void unlock() {
        intermediateKey();
    }

    public List<RegistryEntry> list() {
        return registry.list();
    }

    private synchronized PrivateKey intermediateKey() {
        if (intermediateKey == null) {
            intermediateKey = readKey(home.intermediateKey(), intermediatePublicKey);
        }
        return intermediateKey;
    }

    private PrivateKey rootKey() {
        return readKey(home.rootKey(), root.getPublicKey());
    }

    private PrivateKey readKey(Path path, PublicKey expectedPublic) {
        PrivateKey key = PrivateKeys.read(Inputs.read(path), path.toString(), passphrases);
        if (!KeyPairs.matches(key, expectedPublic)) {
            throw new LatchException(path + ": this key does not belong to the CA certificate beside it",
                    "restore the CA directory from a backup");
        }
        return key;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        registry.close();
    }
}
