package dev.latch.cli.support;

import dev.latch.trust.TrustAnchors;

import java.nio.file.Path;

/** What {@code --ca} names to trust: a PEM bundle or directory, the system's or the JDK's store, or the local CA's root. */
public final class Anchors {
    public static final String CHOICES = "FILE|DIR|system|jdk|latch";

    private Anchors() {
    }

    public static TrustAnchors of(String ca) {
        return switch (ca) {
            case "system" -> TrustAnchors.system();
            case "jdk" -> TrustAnchors.jdk();
            case "latch" -> LocalCaRoot.anchors("--ca FILE");
            default -> TrustAnchors.fromPath(Path.of(ca));
        };
    }
}
