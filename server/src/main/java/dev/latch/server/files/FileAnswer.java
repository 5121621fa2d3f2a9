package dev.latch.server.files;

import dev.latch.http.Pages;
import dev.latch.http.Request;
import dev.latch.http.Response;
import dev.latch.http.wire.DateHeader;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Executor;

/**
 * The answer to a GET or HEAD for a file already resolved: validators (ETag, Last-Modified, 304),
 * a single byte range (206/416), HEAD. Made from the snapshot alone, without touching the disk,
 * so the event loop can make it; a large body is read later, on {@code reader}.
 */
final class FileAnswer {
    private FileAnswer() {
    }

    static Response of(Request request, FileSnapshot file, Executor reader) {
        String etag = file.etag();
        if (notModified(request, etag, file.modified())) {
            return Response.status(304).headers(file.validators()).withoutBody();
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
            response = body(Response.status(206), file, r.first(), r.length(), reader)
                    .header("content-range", "bytes " + r.first() + "-" + r.last() + "/" + size);
        } else {
            response = body(Response.status(200), file, 0, size, reader);
        }
        response.headers(file.headers());
        return request.isHead() ? response.withoutBody() : response;
    }

    private static Response body(Response response, FileSnapshot file, long offset, long length, Executor reader) {
        byte[] all = file.bytes();
        if (all == null) {
            return response.file(file.path(), offset, length, reader);
        }
        if (offset == 0 && length == all.length) {
            return response.body(all);
        }
        return response.body(Arrays.copyOfRange(all, (int) offset, (int) (offset + length)));
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
        Instant since = DateHeader.parse(request.header("if-modified-since"));
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
}
