package dev.latch.server.files;

import dev.latch.http.Pages;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** An HTML index of a directory's entries, sorted, each linked (read off the event loop: it lists the directory). */
final class DirectoryListing {
    private DirectoryListing() {
    }

    /**
     * @param requestPath the path the directory was asked for by, shown as the title
     * @param hidden      whether entries whose name begins with '.' are listed
     */
    static String html(String requestPath, Path dir, boolean hidden) throws IOException {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Index of ")
                .append(Pages.escape(requestPath)).append("</title></head>\n<body><h1>Index of ")
                .append(Pages.escape(requestPath)).append("</h1>\n<ul>\n");
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.sorted().toList()) {
                if (!hidden && StaticFiles.isHidden(entry.getFileName().toString())) {
                    continue;
                }
                String slash = Files.isDirectory(entry) ? "/" : "";
                String name = entry.getFileName().toString();
                String href = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + slash;
                html.append("<li><a href=\"").append(Pages.escape(href)).append("\">").append(Pages.escape(name + slash))
                        .append("</a></li>\n");
            }
        }
        return html.append("</ul></body></html>\n").toString();
    }
}
