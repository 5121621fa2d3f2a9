package dev.latch.pki.truststore;

/** What happened when the root was put into one trust store. */
public record InstallResult(String store, boolean ok, String detail) {
    public static InstallResult ok(String store, String detail) {
        return new InstallResult(store, true, detail);
    }

    public static InstallResult failed(String store, String detail) {
        return new InstallResult(store, false, detail);
    }
}
