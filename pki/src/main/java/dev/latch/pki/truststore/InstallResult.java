package dev.latch.pki.truststore;

/** What happened to the root in one trust store. */
public record InstallResult(String store, Status status, String detail) {
    /** Each outcome a person reads in one word or two; only {@link #FAILED} makes the command fail. */
    public enum Status {
        INSTALLED("installed"), ALREADY_THERE("already there"), REMOVED("removed"), NOT_THERE("not there"),
        SKIPPED("skipped"), FAILED("FAILED");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public boolean ok() {
        return status != Status.FAILED;
    }

    /** A store that cannot be used here: a failure when the user named it, else skipped with the reason. */
    static InstallResult unavailable(String store, boolean chosen, String why) {
        return new InstallResult(store, chosen ? Status.FAILED : Status.SKIPPED, why);
    }

    static InstallResult of(String store, Status status, String detail) {
        return new InstallResult(store, status, detail);
    }
}
