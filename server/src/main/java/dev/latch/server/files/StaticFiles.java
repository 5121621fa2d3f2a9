package dev.latch.server.files;

import dev.latch.core.LatchException;
import dev.latch.http.Handler;
import dev.latch.http.Pages;
import dev.latch.http.Request;
import dev.latch.http.RequestTarget;
import dev.latch.http.Response;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Serves a directory: index.html for directories, content types, validators (ETag,
 * Last-Modified, 304), single byte ranges (206/416), HEAD. Nothing outside the root is reachable:
 * paths are checked segment by segment, and the real path (symlinks resolved) must stay under the
 * real root. Directory listings only when asked for. Hidden files and folders (a name that begins
 * with '.', such as .git or .env) are not served unless asked for, except /.well-known/ (RFC
 * 8615): they get 404, as if they were not there, and are left out of listings.
 * <p>
 * The event loop answers only from memory ({@link FileCache}); everything that touches the file
 * system — real path, stat, reading a small file, listing a directory, and reading a large file
 * as it is sent — runs on the {@code blocking} executor, and the answer follows
 * ({@link Response#later}).
 */
public final class StaticFiles implements Handler {
    private final Path root;
    private final Path realRoot;
    private final boolean listDirectories;
    private final boolean hiddenFiles;
    private final Executor blocking;
    /** RFC 8615's folder at the root, served though its name begins with '.'. */
    private static final String WELL_KNOWN = ".well-known";
    private final FileCache cache = new FileCache();

    /**
     * Hidden files are not served.
     *
     * @param blocking where the file system is used (e.g. the server's {@code HttpsServer.Builder#files()} pool)
     */
    public StaticFiles(Path root, boolean listDirectories, Executor blocking) {
        this(root, listDirectories, false, blocking);
    }

    /**
     * @param hiddenFiles whether names that begin with '.' are served and listed
     * @param blocking    where the file system is used (e.g. the server's {@code HttpsServer.Builder#files()} pool)
     */
    public StaticFiles(Path root, boolean listDirectories, boolean hiddenFiles, Executor blocking) {
        this.root = root.toAbsolutePath().normalize();
        try {
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            throw new LatchException("cannot serve " + root + ": " + (e instanceof NoSuchFileException
                    ? "no such directory" : e.getMessage()), "pass an existing directory");
        }
        if (!Files.isDirectory(realRoot)) {
            throw new LatchException("cannot serve " + root + ": not a directory", "pass a directory");
        }
        this.listDirectories = listDirectories;
        this.hiddenFiles = hiddenFiles;
        this.blocking = blocking;
    }

    public Path root() {
        return root;
    }

    @Override
    public Response handle(Request request) {
        if (!request.method().equals("GET") && !request.isHead()) {
            return Pages.errorResponse(405, "Method Not Allowed", "This site serves files: use GET or HEAD.")
                    .header("allow", "GET, HEAD");
        }
        FileSnapshot cached = cache.fresh(request.path());
        if (cached != null) {
            return FileAnswer.of(request, cached, blocking);
        }
        List<String> segments = RequestPath.segments(request.path());
        if (segments == null) {
            return Pages.errorResponse(400, "Bad Request", "The path is not valid.");
        }
        if (hidden(segments)) {
            return notFound();
        }
        return lookUpLater(request, segments);
    }

    /** The look-up on the blocking executor, answered when it is done; 503 when the executor has no room. */
    private Response lookUpLater(Request request, List<String> segments) {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        try {
            blocking.execute(() -> {
                try {
                    answer.complete(lookUp(request, segments));
                } catch (IOException | RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            return Pages.errorResponse(503, "Service Unavailable", "The server is busy reading files: try again.")
                    .header("retry-after", "1");
        }
        return Response.later(answer);
    }

    /** Off the event loop: what the request path names on disk now; a file found is remembered. */
    private Response lookUp(Request request, List<String> segments) throws IOException {
        FileSnapshot previous = cache.take(request.path());
        Path path = realRoot;
        for (String segment : segments) {
            path = path.resolve(segment);
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            return notFound();
        }
        if (!real.startsWith(realRoot)) {
            return notFound(); // a symlink out of the root: as if it were not there
        }
        if (hidden(names(realRoot.relativize(real)))) {
            return notFound(); // a symlink to a hidden file
        }
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isDirectory()) {
            if (!request.path().endsWith("/")) {
                // from the parsed path, so that "//docs" does not become "//docs/", another host's URL
                String location = RequestTarget.reference(request.path() + "/", request.query());
                return location == null ? Pages.errorResponse(400, "Bad Request", "The query is not valid.")
                        : Response.redirect(301, location);
            }
            FileSnapshot index = index(real, previous);
            if (index != null) {
                return remembered(request, index);
            }
            if (listDirectories) {
                Response listing = Response.html(200, DirectoryListing.html(request.path(), real, hiddenFiles));
                return request.isHead() ? listing.withoutBody() : listing;
            }
            return Pages.errorResponse(403, "Forbidden", "This directory has no index.html and listings are off.");
        }
        if (!attributes.isRegularFile()) {
            return notFound();
        }
        return remembered(request, FileSnapshot.of(real, attributes, previous));
    }

    /** The directory's index.html, if it is a regular file inside the root. */
    private FileSnapshot index(Path dir, FileSnapshot previous) throws IOException {
        Path index;
        BasicFileAttributes attributes;
        try {
            index = dir.resolve("index.html").toRealPath();
            attributes = Files.readAttributes(index, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException missing) {
            return null;
        }
        return index.startsWith(realRoot) && attributes.isRegularFile() ? FileSnapshot.of(index, attributes, previous) : null;
    }

    private Response remembered(Request request, FileSnapshot file) {
        cache.put(request.path(), file);
        return FileAnswer.of(request, file, blocking);
    }

    /** Whether these names, from the root down, lead through a hidden file or folder that is not to be served. */
    private boolean hidden(List<String> names) {
        if (hiddenFiles) {
            return false;
        }
        for (int i = 0; i < names.size(); i++) {
            if (isHidden(names.get(i)) && !(i == 0 && names.get(i).equals(WELL_KNOWN))) {
                return true;
            }
        }
        return false;
    }

    /** A name that begins with '.': hidden by the Unix convention (.git, .env, .ssh). */
    static boolean isHidden(String name) {
        return name.startsWith(".");
    }

    private static List<String> names(Path relative) {
        List<String> names = new java.util.ArrayList<>(relative.getNameCount());
        for (Path name : relative) {
            names.add(name.toString());
        }
        return names;
    }

    private static Response notFound() {
        return Pages.errorResponse(404, "Not Found", "There is no such file here.");
    }
}
