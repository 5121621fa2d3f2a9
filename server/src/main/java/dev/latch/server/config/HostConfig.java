package dev.latch.server.config;

import dev.latch.core.UsageException;

import java.util.List;

/**
 * One site in the config file.
 *
 * @param names             names it answers to, exact or *.wildcard; the first is canonical
 * @param aliases           names that 301-redirect to the canonical name
 * @param root              the directory to serve
 * @param cert              "auto" (issued and renewed by the local CA) or a PEM chain file
 * @param key               the key file when {@code cert} is a file
 * @param clientAuth        none, optional or require
 * @param clientCa          PEM file or directory of trusted client CAs, or "latch" for the local CA (default)
 * @param hsts              Strict-Transport-Security max-age in seconds; 0 for none
 * @param directoryListing  list directories without index.html
 * @param hiddenFiles       serve (and list) files and folders whose name begins with '.'; off by
 *                          default, so a checkout's .git/ or .env is not served (/.well-known/ always is)
 */
public record HostConfig(List<String> names, List<String> aliases, String root, String cert, String key,
                         String clientAuth, String clientCa, Long hsts, Boolean directoryListing,
                         Boolean hiddenFiles) {
    public static final String AUTO = "auto";
    public static final long DEFAULT_HSTS_SECONDS = 31_536_000L; // one year; testssl wants > 180 days

    public HostConfig {
        names = names == null ? List.of() : List.copyOf(names);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        cert = cert == null ? AUTO : cert;
        clientAuth = clientAuth == null ? "none" : clientAuth;
        clientCa = clientCa == null ? "latch" : clientCa;
        hsts = hsts == null ? DEFAULT_HSTS_SECONDS : hsts;
        if (hsts < 0) {
            throw new UsageException("hsts: " + hsts + " is negative", "give seconds, or 0 for no HSTS");
        }
        directoryListing = directoryListing != null && directoryListing;
        hiddenFiles = hiddenFiles != null && hiddenFiles;
    }
}
