package dev.latch.pki.ca;

import dev.latch.core.Fingerprints;
import dev.latch.core.LatchException;
import dev.latch.core.io.AtomicFiles;
import dev.latch.pki.ca.IssuanceJournal.JournaledFile;
import dev.latch.pki.cert.SerialNumbers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Settles issuances that a crash interrupted, from their journals: one whose files are all on
 * disk as journaled (in place, or complete under their temporary names) is finished and becomes
 * valid; any other is rolled back: its temporary and partial files are removed and its serial,
 * if it was reserved, is marked abandoned (never reused, listed on the CRL). Journals of
 * processes still running are left alone.
 */
final class IssuanceRecovery {
    private IssuanceRecovery() {
    }

    /** Settles every interrupted issuance in {@code home}, saying what it did in one line each. */
    static void recoverAll(CaHome home, CaRegistry registry, Consumer<String> notices) {
        for (Path temp : IssuanceJournal.abandonedTemps(home)) {
            delete(temp);
        }
        for (Path file : IssuanceJournal.pending(home)) {
            IssuanceJournal journal;
            try {
                journal = IssuanceJournal.read(file);
            } catch (LatchException e) {
                notices.accept(e.getMessage() + "; " + e.hint());
                continue;
            }
            if (journal.ownerAlive()) {
                continue;
            }
            String serial = SerialNumbers.hex(journal.serial());
            try {
                notices.accept("recovered an interrupted issuance of serial " + serial + ": " + settle(journal, registry));
            } catch (LatchException e) {
                notices.accept("cannot yet recover the interrupted issuance of serial " + serial + ": " + e.getMessage()
                        + "; the next 'latch ca' command tries again");
            }
        }
    }

    private static String settle(IssuanceJournal journal, CaRegistry registry) {
        Optional<RegistryEntry> entry = registry.find(journal.serial());
        if (entry.isEmpty()) {
            int removed = rollBack(journal, registry);
            return "it stopped before its serial was recorded; removed " + files(removed);
        }
        RegistryEntry.Status status = entry.get().status();
        if (status != RegistryEntry.Status.RESERVED && status != RegistryEntry.Status.WRITTEN) {
            int removed = removeTemps(journal);
            journal.end();
            return "it had finished (" + status.name().toLowerCase(java.util.Locale.ROOT) + "); removed its journal"
                    + (removed > 0 ? " and " + files(removed) : "");
        }
        if (complete(journal)) {
            for (JournaledFile file : journal.files()) {
                if (!holds(file.target(), file.sha256())) {
                    AtomicFiles.replace(file.temp(), file.target());
                }
            }
            syncDirectories(journal);
            registry.advance(journal.serial(), status, RegistryEntry.Status.VALID);
            journal.end();
            return "finished it; it is valid, its files in place: "
                    + String.join(", ", journal.files().stream().map(file -> file.target().toString()).toList());
        }
        int removed = rollBack(journal, registry);
        return "its files were incomplete; rolled it back: the serial is abandoned (listed on the CRL, never reused), "
                + "removed " + files(removed);
    }

    /**
     * Undoes an issuance that did not finish: the serial (if reserved) is abandoned first, then
     * its temporary files and any file already renamed into place are removed, then the journal.
     * A failure leaves the journal, for the next recovery.
     *
     * @return how many files were removed
     */
    static int rollBack(IssuanceJournal journal, CaRegistry registry) {
        registry.abandon(journal.serial(), Instant.now());
        int removed = removeTemps(journal);
        if (registry.find(journal.serial()).map(RegistryEntry::status)
                .filter(status -> status != RegistryEntry.Status.ABANDONED).isPresent()) {
            // valid after all (its last commit went through, though reported failed): its files stay
            journal.end();
            return removed;
        }
        for (JournaledFile file : journal.files()) {
            // only a file that holds exactly what this issuance wrote: never an older certificate's
            if (holds(file.target(), file.sha256()) && delete(file.target())) {
                removed++;
            }
        }
        syncDirectories(journal);
        journal.end();
        return removed;
    }

    /** Whether every file is on disk as journaled, in place or under its temporary name. */
    private static boolean complete(IssuanceJournal journal) {
        return journal.files().stream().allMatch(file -> holds(file.target(), file.sha256()) || holds(file.temp(), file.sha256()));
    }

    private static int removeTemps(IssuanceJournal journal) {
        int removed = 0;
        for (JournaledFile file : journal.files()) {
            if (delete(file.temp())) {
                removed++;
            }
        }
        return removed;
    }

    private static boolean holds(Path file, String sha256) {
        try {
            return Files.isRegularFile(file) && Fingerprints.sha256(Files.readAllBytes(file)).equals(sha256);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean delete(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return false; // also when its folder is gone, or is no folder at all
        }
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new LatchException("cannot remove " + file + ": " + e.getMessage(), "check that its directory is writable", e);
        }
    }

    static void syncDirectories(IssuanceJournal journal) {
        List<Path> folders = journal.files().stream().map(file -> file.target().getParent()).distinct().toList();
        folders.forEach(AtomicFiles::syncDirectory);
    }

    private static String files(int count) {
        return count == 0 ? "no files" : count == 1 ? "1 file" : count + " files";
    }
}
