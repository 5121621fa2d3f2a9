package dev.latch.server.files;

import dev.latch.http.Handler;
import dev.latch.http.Pages;
import dev.latch.http.Request;
import dev.latch.http.Response;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Stream;

/**
 * Serves a directory: index.html for directories, content types, validators (ETag,
 * Last-Modified, 304), single byte ranges (206/416), HEAD. Nothing outside the root is reachable:
 * paths are checked segment by segment, and the real path (symlinks resolved) must stay under the
 * real root. Directory listings only when asked for.
 */
public final class StaticFiles implements Handler {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final Path root;
    private final Path realRoot;
    private final boolean listDirectories;
    private final FileCache cache = new FileCache();

    public StaticFiles(Path root, boolean listDirectories) {
        this.root = root.toAbsolutePath().normalize();
        try {
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            throw new dev.latch.core.LatchException("cannot serve " + root + ": " + (e instanceof NoSuchFileException
                    ? "no such directory" : e.getMessage()), "pass an existing directory");
        }
        if (!Files.isDirectory(realRoot)) {
            throw new dev.latch.core.LatchException("cannot serve " + root + ": not a directory", "pass a directory");
        }
        this.listDirectories = listDirectories;
    }

    public Path root() {
        return root;
    }

    @Override
    public Response handle(Request request) throws IOException {
        if (!request.method().equals("GET") && !request.isHead()) {
            return Pages.errorResponse(405, "Method Not Allowed", "This site serves files: use GET or HEAD.")
                    .header("allow", "GET, HEAD");
        }
        FileSnapshot cached = cache.get(request.path());
        if (cached != null) {
            return file(request, cached);
        }
        List<String> segments = RequestPath.segments(request.path());
        if (segments == null) {
            return Pages.errorResponse(400, "Bad Request", "The path is not valid.");
        }
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
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isDirectory()) {
            if (!request.path().endsWith("/")) {
                String location = request.path() + "/" + (request.query() == null ? "" : "?" + request.query());
                return Response.redirect(301, location);
            }
            Path index = realIndex(real);
            if (index != null) {
                return file(request, remember(request, FileSnapshot.of(index)));
            }
            if (listDirectories) {
                return listing(request, real);
            }
            return Pages.errorResponse(403, "Forbidden", "This directory has no index.html and listings are off.");
        }
        if (!attributes.isRegularFile()) {
            return notFound();
        }
        return file(request, remember(request, FileSnapshot.of(real, attributes)));
    }

    /** The directory's index.html as a real path inside the root, or null. */
    private Path realIndex(Path dir) {
        try {
            Path index = dir.resolve("index.html").toRealPath();
            return index.startsWith(realRoot) && Files.isRegularFile(index, LinkOption.NOFOLLOW_LINKS) ? index : null;
        } catch (IOException missing) {
            return null;
        }
    }

    private FileSnapshot remember(Request request, FileSnapshot file) {
        cache.put(request.path(), file);
        return file;
    }

    private Response file(Request request, FileSnapshot file) {
        String etag = file.etag();
        if (notModified(request, etag, file.modified())) {
            return Response.status(304).header("etag", etag).header("last-modified", file.lastModified()).withoutBody();
        }
        long size = file.size();
        ByteRange.Parsed range = request.method().equals("GET") && ifRangeHolds(request, etag, file.lastModified())
                ? ByteRange.parse(request.header("range"), size) : new ByteRange.Whole();
        Response response;
        if (range instanceof ByteRange.Unsatisfiable) {
            return Pages.errorResponse(416, "Range Not Satisfiable", "The file has " + size + " bytes.")
                    .header("content-range", "bytes */" + size);
        } else if (range instanceof ByteRange.Partial partial) {
            ByteRange r = partial.range();
            response = body(Response.status(206), file, r.first(), r.length())
                    .header("content-range", "bytes " + r.first() + "-" + r.last() + "/" + size);
        } else {
            response = body(Response.status(200), file, 0, size);
        }
        response.header("content-type", file.type()).header("etag", etag).header("last-modified", file.lastModified())
                .header("accept-ranges", "bytes");
        return request.isHead() ? response.withoutBody() : response;
    }

    private static Response body(Response response, FileSnapshot file, long offset, long length) {
        byte[] all = file.bytes();
        if (all == null) {
            return response.file(file.path(), offset, length);
        }
        if (offset == 0 && length == all.length) {
            return response.body(all);
        }
        return response.body(java.util.Arrays.copyOfRange(all, (int) offset, (int) (offset + length)));
    }

    /** RFC 9110 §13.1.2 and §13.1.3: If-None-Match wins over If-Modified-Since. */
    private static boolean notModified(Request request, String etag, Instant modified) {
        String noneMatch = request.header("if-none-match");
        if (noneMatch != null) {
            if (noneMatch.trim().equals("*")) {
                return true;
            }
            for (String tag : noneMatch.split(",")) {
                String t = tag.trim();
                if (t.startsWith("W/")) {
                    t = t.substring(2); // weak comparison
                }
                if (t.equals(etag)) {
                    return true;
                }
            }
            return false;
        }
        Instant since = parseDate(request.header("if-modified-since"));
        return since != null && modified.getEpochSecond() <= since.getEpochSecond();
    }

    /** RFC 9110 §13.1.5: a Range applies only if If-Range (when sent) still names this version. */
    private static boolean ifRangeHolds(Request request, String etag, String lastModified) {
        String ifRange = request.header("if-range");
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.trim();
        return v.startsWith("\"") ? v.equals(etag) : v.equals(lastModified);
    }

    private static Instant parseDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), HTTP_DATE).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private Response listing(Request request, Path dir) throws IOException {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Index of ")
                .append(Pages.escape(request.path())).append("</title></head>\n<body><h1>Index of ")
                .append(Pages.escape(request.path())).append("</h1>\n<ul>\n");
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString() + (Files.isDirectory(entry) ? "/" : "");
                String href = java.net.URLEncoder.encode(entry.getFileName().toString(), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20") + (Files.isDirectory(entry) ? "/" : "");
                html.append("<li><a href=\"").append(Pages.escape(href)).append("\">").append(Pages.escape(name)).append("</a></li>\n");
            }
        }
        html.append("</ul></body></html>\n");
        Response response = Response.html(200, html.toString());
        return request.isHead() ? response.withoutBody() : response;
    }

    private static Response notFound() {
        return Pages.errorResponse(404, "Not Found", "There is no such file here.");
    }
}
