package dev.latch.http;

/** The server's own small HTML pages: errors, redirects, refusals. */
public final class Pages {
    private Pages() {
    }

    public static String error(int status, String title, String detail) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status + " " + escape(title)
                + "</title></head>\n<body><h1>" + status + " " + escape(title) + "</h1>\n<p>" + escape(detail)
                + "</p>\n<hr><p>latch</p></body></html>\n";
    }

    public static String redirect(String location) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Moved</title></head>\n"
                + "<body><p>Moved to <a href=\"" + escape(location) + "\">" + escape(location) + "</a>.</p></body></html>\n";
    }

    public static Response errorResponse(int status, String title, String detail) {
        return Response.html(status, error(status, title, detail));
    }

    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
