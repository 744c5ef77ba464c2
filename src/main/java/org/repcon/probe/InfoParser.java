package org.repcon.probe;

import java.util.ArrayList;
import java.util.HashMap;
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

    /**
     * A reply longer than this is kept as its accepted lines only: an {@link Info} keeps its text, and a history
     * keeps many, so whatever else a misbehaving server sent must not stay with them. Real replies are 4-30 KB.
     */
    static final int COMPACT_ABOVE = 256 * 1024;

    /** One parse's mutable state, so that the parser itself holds none. */
    private static final class Run {
        private InfoFields fields;
        private final List<String> sectionNames = new ArrayList<>();
        private final Map<String, Integer> sectionNumbers = new HashMap<>();
        private final List<ReplicaEntry> replicas = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private int skipped;

        Info parse(String text) {
            fields = new InfoFields(text, Math.min(text.length() / 24, MAX_FIELDS)); // ~25 bytes a line in real replies
            int section = -1;
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
                    if (text.charAt(pos) == '#') {
                        section = section(text.substring(pos + 1, stop).strip());
                    } else {
                        if (section < 0) section = section("");
                        if (!field(text, pos, stop, section, lineNo)) break;
                    }
                }
                pos = end + 1;
            }
            if (sectionNames.isEmpty() && problems.isEmpty()) problem("no INFO fields in the reply");
            replicas.sort((a, b) -> Integer.compare(a.index(), b.index()));
            if (text.length() > COMPACT_ABOVE) compact();
            return new Info(fields, sectionNames, replicas, problems, skipped);
        }

        /** A section's number; a name that comes back (it does not, in practice) continues its section. */
        private int section(String name) {
            return sectionNumbers.computeIfAbsent(name, n -> {
                sectionNames.add(n);
                return sectionNames.size() - 1;
            });
        }

        /** Replaces the fields by the same fields over a text of their lines alone (see {@link #COMPACT_ABOVE}). */
        private void compact() {
            StringBuilder lines = new StringBuilder();
            List<int[]> ranges = new ArrayList<>();
            for (int i = 0; i < fields.count(); i++) {
                int start = lines.length();
                String name = fields.name(i);
                lines.append(name).append(':').append(fields.value(i)).append('\n');
                ranges.add(new int[] {start, start + name.length(), lines.length() - 1, fields.section(i)});
            }
            String kept = lines.toString();
            InfoFields compacted = new InfoFields(kept, ranges.size());
            for (int[] r : ranges) compacted.add(r[0], r[1], r[2], r[3], InfoFields.hash(kept, r[0], r[1]));
            fields = compacted;
        }

        /**
         * Adds the {@code key:value} line {@code text[start..stop)}; false when the field limit is reached and
         * parsing should stop. The name is checked and hashed in the one pass that finds the colon.
         */
        private boolean field(String text, int start, int stop, int section, int lineNo) {
            int hash = 0;
            boolean validName = true;
            int colon = start;
            for (; colon < stop; colon++) {
                char c = text.charAt(colon);
                if (c == ':') break;
                if (c <= ' ' || c > '~') validName = false;
                hash = 31 * hash + c;
            }
            if (colon == stop) {
                skip(lineNo, "no colon", text.substring(start, stop));
                return true;
            }
            if (!validName || colon == start || colon - start > MAX_KEY) {
                skip(lineNo, "not a field name", text.substring(start, stop));
                return true;
            }
            if (fields.count() >= MAX_FIELDS) {
                skip(lineNo, "more than " + MAX_FIELDS + " fields; the rest is ignored", text.substring(start, stop));
                return false;
            }
            if (!fields.add(start, colon, stop, section, hash)) {
                skip(lineNo, "repeated field", text.substring(start, stop));
                return true;
            }
            if (isReplicaKey(text, start, colon)) replica(text.substring(start, colon), text.substring(colon + 1, stop), lineNo);
            return true;
        }

        /** {@code slaveN:ip=..,port=..,state=..,offset=..,lag=..[,type=..]}; unknown pairs are ignored, missing ones absent. */
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
                    Info.parseLong(pairs.get("lag")),
                    pairs.getOrDefault("type", "")));
        }

        private static boolean isReplicaKey(String text, int start, int colon) {
            int length = colon - start;
            if (length <= 5 || length > 15 || !text.startsWith("slave", start)) return false;
            for (int i = start + 5; i < colon; i++) {
                if (text.charAt(i) < '0' || text.charAt(i) > '9') return false;
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
