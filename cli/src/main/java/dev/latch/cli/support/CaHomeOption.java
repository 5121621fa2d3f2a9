package dev.latch.cli.support;

import dev.latch.pki.ca.CaHome;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --home DIR}: which CA a command works on. */
public final class CaHomeOption {
    @Option(names = "--home", paramLabel = "DIR",
            description = "CA directory (default: $LATCH_HOME/ca, with LATCH_HOME defaulting to ~/.latch).")
    Path home;

    public CaHome caHome() {
        return home != null ? new CaHome(home) : CaHome.defaultHome();
    }
}
