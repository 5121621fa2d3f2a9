package dev.latch.pki.ca;

import dev.latch.core.Fingerprints;
import dev.latch.core.LatchException;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.core.pem.Pem;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The registry of every certificate a CA issued, in a real database through JDBC: embedded
 * SQLite by default, PostgreSQL when several CA nodes share one. Only portable SQL is used.
 * The serial number is the primary key, so the database itself guarantees that no serial is
 * ever recorded twice. One instance may be shared between threads (their inserts share commits);
 * several processes (or CA nodes) may share one database.
 */
public final class CaRegistry implements AutoCloseable {
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS certificates (
              serial VARCHAR(64) PRIMARY KEY,
              issuer VARCHAR(2048) NOT NULL,
              subject VARCHAR(2048) NOT NULL,
              subject_alt_names TEXT NOT NULL,
              profile VARCHAR(32) NOT NULL,
              not_before BIGINT NOT NULL,
              not_after BIGINT NOT NULL,
              status VARCHAR(16) NOT NULL,
              revoked_at BIGINT,
              revocation_reason VARCHAR(32),
              sha256 VARCHAR(95) NOT NULL UNIQUE,
              issued_at BIGINT NOT NULL,
              pem TEXT NOT NULL
            )""";
    private static final String CRL_SCHEMA = """
            CREATE TABLE IF NOT EXISTS crl_numbers (
              issuer VARCHAR(2048) PRIMARY KEY,
              last_number BIGINT NOT NULL
            )""";
    private static final String COLUMNS = "serial, issuer, subject, subject_alt_names, profile, not_before, not_after, "
            + "status, revoked_at, revocation_reason, sha256, issued_at, pem";

    private final String url;
    private final Connection connection;
    private final PreparedStatement insert;
    /** Rows waiting for the next group commit; see {@link #record}. */
    private final ConcurrentLinkedQueue<PendingRow> queue = new ConcurrentLinkedQueue<>();
    /** Guards the connection: one statement or transaction at a time. */
    private final ReentrantLock lock = new ReentrantLock();

    private CaRegistry(String url, Connection connection) throws SQLException {
        this.url = url;
        this.connection = connection;
        this.insert = connection.prepareStatement(
                "INSERT INTO certificates (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    /** Opens (and creates, when new) the registry at a JDBC URL. */
    public static CaRegistry open(String jdbcUrl) {
        try {
            Properties properties = new Properties();
            boolean sqlite = jdbcUrl.startsWith("jdbc:sqlite:");
            if (sqlite) {
                // sqlite-jdbc would otherwise ask for the last rowid after every insert; nothing reads it
                properties.setProperty("jdbc.get_generated_keys", "false");
            }
            Connection connection = DriverManager.getConnection(jdbcUrl, properties);
            if (sqlite) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA busy_timeout = 10000");
                    statement.execute("PRAGMA journal_mode = WAL");
                    // WAL + FULL: every committed issuance survives a crash or power loss
                    statement.execute("PRAGMA synchronous = FULL");
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(SCHEMA);
                statement.execute(CRL_SCHEMA);
            }
            return new CaRegistry(jdbcUrl, connection);
        } catch (SQLException e) {
            throw new LatchException("cannot open the CA registry at " + redact(jdbcUrl) + ": " + e.getMessage(),
                    "check the database URL and that the database is reachable", e);
        }
    }

    public String url() {
        return redact(url);
    }

    /** A row to insert, and what became of it. */
    private static final class PendingRow {
        final X509Certificate certificate;
        final String serial;
        final String issuer;
        final String subject;
        final String subjectAltNames;
        final String profile;
        final String sha256;
        final String pem;
        final RegistryEntry.Status status;
        final long issuedAt = Instant.now().toEpochMilli();
        final CountDownLatch done = new CountDownLatch(1);
        volatile boolean recorded;
        volatile LatchException failure;

        PendingRow(X509Certificate certificate, CertificateProfile profile, String subjectAltNames,
                   RegistryEntry.Status status) {
            this.certificate = certificate;
            this.status = status;
            this.serial = serialKey(certificate.getSerialNumber());
            this.issuer = certificate.getIssuerX500Principal().getName();
            this.subject = certificate.getSubjectX500Principal().getName();
            this.subjectAltNames = subjectAltNames;
            this.profile = profile.id();
            byte[] der = encoded(certificate);
            this.sha256 = Fingerprints.sha256(der);
            this.pem = Pem.encode(Pem.CERTIFICATE, der);
        }
    }

    /**
     * Records a newly issued certificate; when this method returns normally, the row is committed.
     * Concurrent callers share commits (group commit): whoever takes the lock commits every row
     * queued so far in one transaction, and keeps going while more arrive; the others wait only
     * for their own row. N issuers pay for one disk flush, not N.
     *
     * @return false when the serial (or fingerprint) is already recorded; the caller must then issue
     *     again under a fresh serial, never hand out this certificate
     */
    public boolean record(X509Certificate certificate, CertificateProfile profile, String subjectAltNames) {
        return commit(new PendingRow(certificate, profile, subjectAltNames, RegistryEntry.Status.VALID));
    }

    /**
     * Records a certificate whose files are yet to be written, as {@link RegistryEntry.Status#RESERVED}:
     * its serial is taken for good, but it is not valid until {@link #advance} makes it so.
     * Returns false, as {@link #record} does, when the serial is taken already.
     */
    public boolean reserve(X509Certificate certificate, CertificateProfile profile, String subjectAltNames) {
        return commit(new PendingRow(certificate, profile, subjectAltNames, RegistryEntry.Status.RESERVED));
    }

    private boolean commit(PendingRow row) {
        queue.add(row);
        while (row.done.getCount() > 0) {
            if (lock.tryLock()) {
                try {
                    while (!queue.isEmpty()) {
                        commitQueued();
                    }
                } finally {
                    lock.unlock();
                }
            } else {
                try {
                    // the committer will take this row with its next batch; look again if it finished first
                    row.done.await(5, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LatchException("interrupted while recording certificate " + row.serial);
                }
            }
        }
        if (row.failure != null) {
            throw row.failure;
        }
        return row.recorded;
    }

    /** Commits every queued row in one transaction; on a conflict, row by row to find which one. Holds the lock. */
    private void commitQueued() {
        List<PendingRow> batch = new ArrayList<>();
        for (PendingRow row; (row = queue.poll()) != null; ) {
            batch.add(row);
        }
        try {
            connection.setAutoCommit(false);
            try {
                for (PendingRow row : batch) {
                    insert(row);
                }
                connection.commit();
                batch.forEach(row -> row.recorded = true);
            } catch (SQLException conflict) {
                connection.rollback();
                connection.setAutoCommit(true);
                for (PendingRow row : batch) {
                    try {
                        insert(row);
                        row.recorded = true;
                    } catch (SQLException e) {
                        // a serial already recorded (a race with another writer) is not a failure: issue again
                        if (find(row.certificate.getSerialNumber()).isEmpty()) {
                            row.failure = failure("record certificate " + row.serial, e);
                        }
                    }
                }
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            for (PendingRow row : batch) {
                if (!row.recorded) {
                    row.failure = failure("record certificate " + row.serial, e);
                }
            }
        }
        batch.forEach(row -> row.done.countDown());
    }

    private void insert(PendingRow row) throws SQLException {
        insert.setString(1, row.serial);
        insert.setString(2, row.issuer);
        insert.setString(3, row.subject);
        insert.setString(4, row.subjectAltNames);
        insert.setString(5, row.profile);
        insert.setLong(6, row.certificate.getNotBefore().getTime());
        insert.setLong(7, row.certificate.getNotAfter().getTime());
        insert.setString(8, row.status.name());
        insert.setNull(9, Types.BIGINT);
        insert.setNull(10, Types.VARCHAR);
        insert.setString(11, row.sha256);
        insert.setLong(12, row.issuedAt);
        insert.setString(13, row.pem);
        insert.executeUpdate();
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new LatchException("cannot encode certificate: " + e.getMessage());
        }
    }

    public Optional<RegistryEntry> find(BigInteger serial) {
        lock.lock();
        try {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM certificates WHERE serial = ?")) {
                query.setString(1, serialKey(serial));
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(entry(rows)) : Optional.empty();
                }
            } catch (SQLException e) {
                throw failure("look up serial " + serialKey(serial), e);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Every certificate, oldest first. */
    public List<RegistryEntry> list() {
        return query("SELECT " + COLUMNS + " FROM certificates ORDER BY issued_at, serial", null);
    }

    /**
     * Revoked certificates that {@code issuer} signed, for its CRL, with the abandoned ones: a
     * signed certificate that was never delivered is listed too, in case a copy of it got out.
     */
    public List<RegistryEntry> revokedBy(String issuer) {
        return query("SELECT " + COLUMNS + " FROM certificates WHERE status IN ('REVOKED', 'ABANDONED') AND issuer = ? "
                + "ORDER BY revoked_at", issuer);
    }

    /** Moves an issuance on from one state to the next; false when the row is not in state {@code from}. */
    public boolean advance(BigInteger serial, RegistryEntry.Status from, RegistryEntry.Status to) {
        return update("UPDATE certificates SET status = ? WHERE serial = ? AND status = ?",
                "record serial " + serialKey(serial) + " as " + to.name().toLowerCase(java.util.Locale.ROOT),
                to.name(), serialKey(serial), from.name());
    }

    /**
     * Rolls back an unfinished issuance: the row stays, so the serial is never used again, marked
     * {@link RegistryEntry.Status#ABANDONED} and put on the CRL as ceased to operate (RFC 5280 §5.3.1).
     */
    public boolean abandon(BigInteger serial, Instant when) {
        return update("UPDATE certificates SET status = 'ABANDONED', revoked_at = ?, revocation_reason = ? "
                        + "WHERE serial = ? AND status IN ('RESERVED', 'WRITTEN')",
                "abandon serial " + serialKey(serial), when.toEpochMilli(), RevocationReason.CESSATION_OF_OPERATION.name(),
                serialKey(serial));
    }

    private boolean update(String sql, String what, Object... parameters) {
        lock.lock();
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure(what, e);
        } finally {
            lock.unlock();
        }
    }

    private List<RegistryEntry> query(String sql, String parameter) {
        lock.lock();
        try {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                if (parameter != null) {
                    query.setString(1, parameter);
                }
                List<RegistryEntry> entries = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        entries.add(entry(rows));
                    }
                }
                return entries;
            } catch (SQLException e) {
                throw failure("read the registry", e);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Marks a certificate revoked; only a valid one can be, so a revocation is never silently rewritten. */
    public RegistryEntry revoke(BigInteger serial, RevocationReason reason, Instant when) {
        lock.lock();
        try {
            RegistryEntry entry = find(serial).orElseThrow(() -> new LatchException(
                    "no certificate with serial " + serialKey(serial) + " in the registry",
                    "run 'latch ca list' to see the serials this CA issued"));
            if (entry.status() == RegistryEntry.Status.ABANDONED) {
                throw new LatchException("certificate " + serialKey(serial) + " (" + entry.subject() + ") was never delivered: "
                        + "its issuance was interrupted and rolled back at " + entry.revokedAt(),
                        "nothing to do; it is on the CRL already ('latch ca crl' publishes a fresh one)");
            }
            if (entry.status() != RegistryEntry.Status.VALID && entry.status() != RegistryEntry.Status.REVOKED) {
                throw new LatchException("certificate " + serialKey(serial) + " (" + entry.subject() + ") is still being issued",
                        "try again once that 'latch ca issue' has finished");
            }
            if (entry.status() == RegistryEntry.Status.REVOKED) {
                throw new LatchException("certificate " + serialKey(serial) + " (" + entry.subject() + ") was already revoked at "
                        + entry.revokedAt() + " (" + entry.revocationReason().cliName() + ")",
                        "nothing to do; run 'latch ca crl' to publish a fresh CRL");
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE certificates SET status = 'REVOKED', revoked_at = ?, revocation_reason = ? "
                            + "WHERE serial = ? AND status = 'VALID'")) {
                update.setLong(1, when.toEpochMilli());
                update.setString(2, reason.name());
                update.setString(3, serialKey(serial));
                if (update.executeUpdate() != 1) {
                    throw new LatchException("certificate " + serialKey(serial) + " was revoked by someone else meanwhile");
                }
            } catch (SQLException e) {
                throw failure("revoke serial " + serialKey(serial), e);
            }
            return find(serial).orElseThrow();
        } finally {
            lock.unlock();
        }
    }

    /** The next CRL number for {@code issuer}: strictly increasing (RFC 5280 §5.2.3), even across processes. */
    public BigInteger nextCrlNumber(String issuer) {
        lock.lock();
        try {
            try {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try {
                    long next;
                    try (PreparedStatement update = connection.prepareStatement(
                            "UPDATE crl_numbers SET last_number = last_number + 1 WHERE issuer = ?")) {
                        update.setString(1, issuer);
                        if (update.executeUpdate() == 0) {
                            try (PreparedStatement insert = connection.prepareStatement(
                                    "INSERT INTO crl_numbers (issuer, last_number) VALUES (?, 1)")) {
                                insert.setString(1, issuer);
                                insert.executeUpdate();
                            }
                        }
                    }
                    try (PreparedStatement query = connection.prepareStatement(
                            "SELECT last_number FROM crl_numbers WHERE issuer = ?")) {
                        query.setString(1, issuer);
                        try (ResultSet rows = query.executeQuery()) {
                            rows.next();
                            next = rows.getLong(1);
                        }
                    }
                    connection.commit();
                    return BigInteger.valueOf(next);
                } catch (SQLException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                throw failure("allocate a CRL number", e);
            }
        } finally {
            lock.unlock();
        }
    }

    private static RegistryEntry entry(ResultSet row) throws SQLException {
        long revokedAt = row.getLong("revoked_at");
        boolean revoked = !row.wasNull();
        String reason = row.getString("revocation_reason");
        return new RegistryEntry(
                new BigInteger(row.getString("serial"), 16),
                row.getString("issuer"),
                row.getString("subject"),
                row.getString("subject_alt_names"),
                CertificateProfile.fromId(row.getString("profile")),
                Instant.ofEpochMilli(row.getLong("not_before")),
                Instant.ofEpochMilli(row.getLong("not_after")),
                RegistryEntry.Status.valueOf(row.getString("status")),
                revoked ? Instant.ofEpochMilli(revokedAt) : null,
                reason == null ? null : RevocationReason.valueOf(reason),
                row.getString("sha256"),
                Instant.ofEpochMilli(row.getLong("issued_at")),
                row.getString("pem"));
    }

    /** Serials are stored as lowercase hex without separators. */
    static String serialKey(BigInteger serial) {
        return serial.toString(16);
    }

    private LatchException failure(String what, SQLException e) {
        return new LatchException("CA registry (" + url() + "): cannot " + what + ": " + e.getMessage(),
                "check that the database is reachable and writable", e);
    }

    /** A JDBC URL may carry a password; never print it. */
    static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }

    @Override
    public void close() {
        lock.lock();
        try {
            try {
                insert.close();
                connection.close();
            } catch (SQLException ignored) {
                // closing a connection that failed already changes nothing for the caller
            }
        } finally {
            lock.unlock();
        }
    }
}
