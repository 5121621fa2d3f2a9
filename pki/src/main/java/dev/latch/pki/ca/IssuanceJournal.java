package dev.latch.pki.ca;

import dev.latch.core.Fingerprints;
import dev.latch.core.LatchException;
import dev.latch.core.io.AtomicFiles;
import dev.latch.core.io.AtomicFiles.FileContent;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The write-ahead record of one issuance that writes files, kept in {@code CA_HOME/journal/SERIAL.journal}
 * (0600) from before its serial is reserved until its row is valid: which files it writes, under
 * which temporary names, with which SHA-256, and which process writes them. After a crash, this is
 * what recovery needs to finish the issuance or to undo it; while its process lives, nobody touches it.
 */
record IssuanceJournal(Path file, BigInteger serial, long pid, String processStart, List<JournaledFile> files) {
    private static final String SUFFIX = ".journal";
    /** Serials of this JVM's issuances in flight: its own journals are never recovered from under it. */
    private static final Set<BigInteger> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    /** One file of an issuance: where it goes, where it is staged, and what it holds. */
    record JournaledFile(Path target, Path temp, String sha256) {
    }

    static Path folder(CaHome home) {
        return home.dir().resolve("journal");
    }

    /**
     * Writes the journal of an issuance about to stage {@code contents} (atomically: it is complete
     * or absent) and marks it in flight in this JVM; the temporary names carry a token from the serial.
     */
    static IssuanceJournal begin(CaHome home, BigInteger serial, List<FileContent> contents) {
        String token = serial.toString(16);
        token = token.substring(0, Math.min(16, token.length()));
        List<JournaledFile> files = new ArrayList<>();
        for (FileContent content : contents) {
            Path target = content.path().toAbsolutePath();
            files.add(new JournaledFile(target, AtomicFiles.tempFor(target, token), Fingerprints.sha256(content.content())));
        }
        ProcessHandle self = ProcessHandle.current();
        IssuanceJournal journal = new IssuanceJournal(folder(home).resolve(serial.toString(16) + SUFFIX), serial,
                self.pid(), start(self).orElse(""), List.copyOf(files));
        IN_FLIGHT.add(serial);
        try {
            LocalCa.createPrivateDirectory(journal.file.getParent());
            Path temp = AtomicFiles.tempFor(journal.file, Long.toString(self.pid()));
            AtomicFiles.writeTemp(FileContent.secret(journal.file, journal.encode()), temp);
            AtomicFiles.replace(temp, journal.file);
            AtomicFiles.syncDirectory(journal.file.getParent());
        } catch (RuntimeException e) {
            IN_FLIGHT.remove(serial);
            throw e;
        }
        return journal;
    }

    /** Removes the journal once its issuance is settled (valid, or rolled back). */
    void end() {
        try {
            Files.deleteIfExists(file);
            AtomicFiles.syncDirectory(file.getParent());
        } catch (IOException e) {
            throw new LatchException("cannot remove the issuance journal " + file + ": " + e.getMessage(),
                    "the next 'latch ca' command retries; check that the CA directory is writable", e);
        } finally {
            IN_FLIGHT.remove(serial);
        }
    }

    /** Forgets that this JVM is issuing it, without removing the file: a later recovery settles it. */
    void release() {
        IN_FLIGHT.remove(serial);
    }

    /** Whether the process that wrote it still runs (then its issuance is in progress, not interrupted). */
    boolean ownerAlive() {
        if (pid == ProcessHandle.current().pid()) {
            return IN_FLIGHT.contains(serial);
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                // the same PID with another start time is another process: the writer is gone
                .map(process -> processStart.isEmpty() || start(process).map(processStart::equals).orElse(true))
                .orElse(false);
    }

    /** The journals in {@code home}, complete ones only. */
    static List<Path> pending(CaHome home) {
        return list(home, name -> name.endsWith(SUFFIX) && !name.startsWith("."));
    }

    /** Temporary journals of processes that died before they finished writing one. */
    static List<Path> abandonedTemps(CaHome home) {
        List<Path> abandoned = new ArrayList<>();
        for (Path temp : list(home, name -> name.startsWith(".") && name.endsWith(".tmp"))) {
            String name = temp.getFileName().toString();
            String pid = name.substring(name.lastIndexOf('.', name.length() - 5) + 1, name.length() - 4);
            try {
                if (ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive).isEmpty()) {
                    abandoned.add(temp);
                }
            } catch (NumberFormatException notOurs) {
                // not a name Latch gives; left alone
            }
        }
        return abandoned;
    }

    private static List<Path> list(CaHome home, java.util.function.Predicate<String> names) {
        Path folder = folder(home);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> names.test(file.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new LatchException("cannot read the issuance journal folder " + folder + ": " + e.getMessage(),
                    "check the permissions of the CA directory");
        }
    }

    static IssuanceJournal read(Path file) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            int count = Integer.parseInt(required(properties, "files"));
            List<JournaledFile> files = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                files.add(new JournaledFile(Path.of(required(properties, "file." + i + ".target")),
                        Path.of(required(properties, "file." + i + ".temp")), required(properties, "file." + i + ".sha256")));
            }
            return new IssuanceJournal(file, new BigInteger(required(properties, "serial"), 16),
                    Long.parseLong(required(properties, "pid")), properties.getProperty("process.start", ""), List.copyOf(files));
        } catch (IOException | RuntimeException e) {
            throw new LatchException("cannot read the issuance journal " + file + ": " + e.getMessage(),
                    "move it out of the journal folder if it is not Latch's");
        }
    }

    private byte[] encode() {
        Properties properties = new Properties();
        properties.setProperty("serial", serial.toString(16));
        properties.setProperty("pid", Long.toString(pid));
        properties.setProperty("process.start", processStart);
        properties.setProperty("files", Integer.toString(files.size()));
        for (int i = 0; i < files.size(); i++) {
            properties.setProperty("file." + i + ".target", files.get(i).target().toString());
            properties.setProperty("file." + i + ".temp", files.get(i).temp().toString());
            properties.setProperty("file." + i + ".sha256", files.get(i).sha256());
        }
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "latch: an issuance in progress; 'latch ca list' finishes or undoes it if it was interrupted");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return value;
    }

    private static Optional<String> start(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toString);
    }
}
