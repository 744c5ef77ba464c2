package org.repcon.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Parses the text of an INFO reply. Never throws: INFO comes from servers of many versions, over
 * connections that may be cut, and from whatever happens to listen on a port. A line it cannot read
 * (no colon, a key with odd characters, far too long) is skipped and noted in {@link Info#problems()}.
 */
public final class InfoParser {

    /** Real INFO lines are short (the longest, module lists, a few hundred bytes). */
    static final int MAX_LINE = 8192;
    /** A default INFO has ~200 fields, INFO ALL with command stats ~600. */
    static final int MAX_FIELDS = 10_000;
    static final int MAX_PROBLEMS = 20;
    private static final int MAX_KEY = 256;
    private static final int EXCERPT = 40;

    private InfoParser() {}

    public static Info parse(String text) {
        return new Run().parse(text == null ? "" : text);
    }

    /** One parse's mutable state, so that the parser itself holds none. */
    private static final class Run {
        private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        private final List<ReplicaEntry> replicas = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private int skipped;
        private int fieldCount;

        Info parse(String text) {
            Map<String, String> section = null;
            int lineNo = 0;
            int pos = 0;
            int n = text.length();
            while (pos < n) {
                int end = text.indexOf('\n', pos);
                if (end < 0) end = n;
                lineNo++;
                int stop = end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
                int length = stop - pos;
                if (length > MAX_LINE) {
                    skip(lineNo, "longer than " + MAX_LINE + " characters", text.substring(pos, pos + EXCERPT + 1));
                } else if (length > 0) {
                    String line = text.substring(pos, stop);
                    if (line.charAt(0) == '#') {
                        section = sections.computeIfAbsent(line.substring(1).strip(), k -> new LinkedHashMap<>());
                    } else {
                        if (section == null) section = sections.computeIfAbsent("", k -> new LinkedHashMap<>());
                        if (!field(section, line, lineNo)) break;
                    }
                }
                pos = end + 1;
            }
            if (sections.isEmpty() && problems.isEmpty()) problem("no INFO fields in the reply");
            replicas.sort((a, b) -> Integer.compare(a.index(), b.index()));
            return new Info(sections, replicas, problems, skipped);
        }

        /** Adds one {@code key:value} line; false when the field limit is reached and parsing should stop. */
        private boolean field(Map<String, String> section, String line, int lineNo) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                skip(lineNo, "no colon", line);
                return true;
            }
            String key = line.substring(0, colon);
            if (!validKey(key)) {
                skip(lineNo, "not a field name", line);
                return true;
            }
            if (fieldCount >= MAX_FIELDS) {
                skip(lineNo, "more than " + MAX_FIELDS + " fields; the rest is ignored", line);
                return false;
            }
            String value = line.substring(colon + 1);
            if (section.putIfAbsent(key, value) != null) {
                skip(lineNo, "repeated field", line);
                return true;
            }
            fieldCount++;
            if (isReplicaKey(key)) replica(key, value, lineNo);
            return true;
        }

        /** {@code slaveN:ip=..,port=..,state=..,offset=..,lag=..}; unknown pairs are ignored, missing ones absent. */
        private void replica(String key, String value, int lineNo) {
            Map<String, String> pairs = new LinkedHashMap<>();
            for (String piece : value.split(",", -1)) {
                int eq = piece.indexOf('=');
                if (eq > 0) pairs.putIfAbsent(piece.substring(0, eq), piece.substring(eq + 1));
            }
            if (pairs.isEmpty()) {
                problem("line " + lineNo + ": " + key + " is not a list of name=value pairs: " + Excerpt.of(value, EXCERPT));
                return;
            }
            OptionalLong index = Info.parseLong(key.substring("slave".length()));
            OptionalLong port = Info.parseLong(pairs.get("port"));
            replicas.add(new ReplicaEntry(
                    (int) Math.min(Integer.MAX_VALUE, index.orElse(Integer.MAX_VALUE)),
                    pairs.getOrDefault("ip", ""),
                    port.isPresent() && port.getAsLong() >= 0 && port.getAsLong() <= 65535
                            ? OptionalInt.of((int) port.getAsLong()) : OptionalInt.empty(),
                    pairs.getOrDefault("state", ""),
                    Info.parseLong(pairs.get("offset")),
                    Info.parseLong(pairs.get("lag"))));
        }

        private static boolean isReplicaKey(String key) {
            if (!key.startsWith("slave") || key.length() == 5 || key.length() > 15) return false;
            for (int i = 5; i < key.length(); i++) {
                if (key.charAt(i) < '0' || key.charAt(i) > '9') return false;
            }
            return true;
        }

        /** Printable ASCII without spaces: what Redis writes ({@code cmdstat_client|list}, {@code errorstat_ERR}). */
        private static boolean validKey(String key) {
            if (key.isEmpty() || key.length() > MAX_KEY) return false;
            for (int i = 0; i < key.length(); i++) {
                char c = key.charAt(i);
                if (c <= ' ' || c > '~') return false;
            }
            return true;
        }

        private void skip(int lineNo, String why, String line) {
            skipped++;
            problem("line " + lineNo + ": " + why + ": " + Excerpt.of(line, EXCERPT));
        }

        private void problem(String text) {
            if (problems.size() < MAX_PROBLEMS) problems.add(text);
        }
    }
}
