package dev.latch.cli.support;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Prints a tree of maps, lists and values as indented "key: value" lines, the layout of
 * {@code latch inspect}: scalars on one line, lists of scalars joined by commas, nested maps indented.
 */
public final class TreeText {
    private TreeText() {
    }

    public static void print(PrintWriter out, Map<String, ?> tree, int indent) {
        int width = tree.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, ?> entry : tree.entrySet()) {
            printEntry(out, entry.getKey(), entry.getValue(), indent, width);
        }
    }

    private static void printEntry(PrintWriter out, String key, Object value, int indent, int width) {
        String pad = " ".repeat(indent);
        String label = pad + key + ":" + " ".repeat(Math.max(1, width - key.length() + 1));
        if (value instanceof Map<?, ?> map) {
            out.println(pad + key + ":");
            print(out, stringKeys(map), indent + 2);
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.println(label + "(none)");
            } else if (list.stream().allMatch(item -> !(item instanceof Map<?, ?>) && !(item instanceof List<?>))) {
                out.println(label + String.join(", ", list.stream().map(String::valueOf).toList()));
            } else {
                out.println(pad + key + ":");
                for (Object item : list) {
                    if (item instanceof Map<?, ?> map) {
                        printListMap(out, stringKeys(map), indent + 2);
                    } else {
                        out.println(pad + "  - " + item);
                    }
                }
            }
        } else {
            out.println(label + value);
        }
    }

    /** An extension or CRL entry: its first value on the dash line, the rest beneath. */
    private static void printListMap(PrintWriter out, Map<String, ?> map, int indent) {
        if (map.containsKey("name") && map.containsKey("critical") && map.containsKey("value")) {
            String critical = Boolean.TRUE.equals(map.get("critical")) ? " [critical]" : "";
            Object value = map.get("value");
            String head = " ".repeat(indent) + "- " + map.get("name") + critical;
            if (value instanceof Map<?, ?> nested) {
                out.println(head + ":");
                print(out, stringKeys(nested), indent + 4);
            } else if (value instanceof List<?> list) {
                out.println(head + ": " + String.join(", ", list.stream().map(String::valueOf).toList()));
            } else {
                out.println(head + ": " + String.valueOf(value).replace("\n", "\n" + " ".repeat(indent + 4)));
            }
            return;
        }
        boolean first = true;
        int width = map.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            String prefix = first ? "- " : "  ";
            out.println(" ".repeat(indent) + prefix + entry.getKey() + ":" + " ".repeat(Math.max(1, width - entry.getKey().length() + 1))
                    + entry.getValue());
            first = false;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> stringKeys(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }
}
