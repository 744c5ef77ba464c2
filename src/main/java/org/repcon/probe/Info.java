package org.repcon.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One INFO reply, parsed: sections in the server's order, each with its fields in order, plus the
 * typed pieces repcon reasons about. Immutable. Every accessor answers "absent" rather than throwing
 * when a field is missing or malformed, because INFO differs between versions and may be cut short.
 * Values are cut from the reply's text when asked for (see {@link InfoFields}); the map views are made
 * on first use.
 */
public final class Info {

    public static final Info EMPTY = new Info(new InfoFields("", 0), List.of(), List.of(), List.of(), 0);

    private final InfoFields fields;
    private final List<String> sectionNames;
    private final List<ReplicaEntry> replicas;
    private final List<String> problems;
    private final int skippedLines;
    private volatile Map<String, Map<String, String>> sectionsView;
    private volatile Map<String, String> fieldsView;

    Info(InfoFields fields, List<String> sectionNames, List<ReplicaEntry> replicas, List<String> problems, int skippedLines) {
        this.fields = fields;
        this.sectionNames = List.copyOf(sectionNames);
        this.replicas = List.copyOf(replicas);
        this.problems = List.copyOf(problems);
        this.skippedLines = skippedLines;
    }

    /** Section name ("Replication", as the server writes it) to its fields, both in the server's order. */
    public Map<String, Map<String, String>> sections() {
        Map<String, Map<String, String>> view = sectionsView;
        if (view == null) {
            List<Map<String, String>> bySection = new ArrayList<>();
            sectionNames.forEach(name -> bySection.add(new LinkedHashMap<>()));
            for (int i = 0; i < fields.count(); i++) bySection.get(fields.section(i)).put(fields.name(i), fields.value(i));
            Map<String, Map<String, String>> all = new LinkedHashMap<>();
            for (int s = 0; s < sectionNames.size(); s++) all.put(sectionNames.get(s), Collections.unmodifiableMap(bySection.get(s)));
            view = sectionsView = Collections.unmodifiableMap(all);
        }
        return view;
    }

    /** All fields by name, in order (a name in two sections: the first in the reply). */
    public Map<String, String> fields() {
        Map<String, String> view = fieldsView;
        if (view == null) {
            Map<String, String> all = new LinkedHashMap<>();
            for (int i = 0; i < fields.count(); i++) all.putIfAbsent(fields.name(i), fields.value(i));
            view = fieldsView = Collections.unmodifiableMap(all);
        }
        return view;
    }

    public Optional<String> string(String field) {
        return Optional.ofNullable(get(field));
    }

    /** A field of one section; the section name is matched ignoring case. */
    public Optional<String> string(String section, String field) {
        for (int s = 0; s < sectionNames.size(); s++) {
            if (sectionNames.get(s).equalsIgnoreCase(section)) {
                int i = fields.find(field, s);
                return i < 0 ? Optional.empty() : Optional.of(fields.value(i));
            }
        }
        return Optional.empty();
    }

    /** The reply's text as kept (see {@link InfoParser#COMPACT_ABOVE}): parsed again, it gives the same fields. */
    public String text() {
        return fields.text;
    }

    /** How much text this reply keeps (see {@link InfoParser#COMPACT_ABOVE}). */
    int retainedChars() {
        return fields.text.length();
    }

    private String get(String field) {
        int i = fields.find(field, -1);
        return i < 0 ? null : fields.value(i);
    }

    public OptionalLong longValue(String field) {
        return parseLong(get(field));
    }

    public OptionalDouble doubleValue(String field) {
        String v = get(field);
        if (v == null || !isDecimal(v)) return OptionalDouble.empty();
        return OptionalDouble.of(Double.parseDouble(v));
    }

    /** {@code 1} is true, {@code 0} false, anything else absent. */
    public Optional<Boolean> flag(String field) {
        String v = get(field);
        return "1".equals(v) ? Optional.of(true) : "0".equals(v) ? Optional.of(false) : Optional.empty();
    }

    public Role role() {
        return string("role").map(Role::of).orElse(Role.UNKNOWN);
    }

    /** Master side: the replicas connected to this instance ({@code slaveN} lines), in index order. */
    public List<ReplicaEntry> replicas() {
        return replicas;
    }

    /** Replica side: the link to the master; empty unless the role is a replica. */
    public Optional<MasterLink> masterLink() {
        if (role() != Role.REPLICA) return Optional.empty();
        return Optional.of(new MasterLink(
                string("master_host").orElse(""),
                intValue("master_port"),
                "up".equals(get("master_link_status")),
                nonNegative(longValue("master_last_io_seconds_ago")),
                flag("master_sync_in_progress").orElse(false),
                longValue("master_link_down_since_seconds"),
                positive(longValue("master_sync_total_bytes")),
                longValue("master_sync_read_bytes"),
                flag("slave_read_only"),
                new MasterLink.SyncAttempts(nonNegative(longValue("master_current_sync_attempts")),
                        nonNegative(longValue("master_total_sync_attempts")),
                        nonNegative(longValue("master_link_up_since_seconds")))));
    }

    /**
     * The server: {@code server_name} (Valkey 8 says {@code valkey}), else {@code redis} when the reply has a Server
     * section ({@code redis_version}: Redis has no {@code server_name}); empty for a reply of other sections only.
     */
    public Optional<String> server() {
        Optional<String> name = string("server_name").map(String::strip).filter(n -> !n.isEmpty()).map(n -> n.toLowerCase(java.util.Locale.ROOT));
        return name.isPresent() ? name : string("redis_version").map(v -> "redis");
    }

    /**
     * The server's own version: {@code valkey_version} on Valkey (whose {@code redis_version} is pinned at 7.2.4, the
     * Redis it is compatible with), else {@code redis_version} (Redis 8.0-M01 says 7.9.224).
     */
    public Optional<String> version() {
        return server().flatMap(s -> string(s + "_version")).or(() -> string("redis_version"));
    }

    /** As an operator says it: "valkey 8.0.1", "redis 7.0.15". */
    public Optional<String> serverAndVersion() {
        return server().map(s -> s + version().map(v -> " " + v).orElse(""));
    }

    /**
     * The Redis version whose RDB and replication protocol the server speaks: {@code redis_version}, which Valkey keeps
     * for exactly that (7.2.4 for Valkey 7.2 to 8.x). What tells whether a replica can read its master's RDB across
     * servers.
     */
    public Optional<String> redisCompatibleVersion() {
        return string("redis_version");
    }

    /** standalone, cluster or sentinel: Valkey's {@code server_mode}, Redis's (and compatible Valkey's) {@code redis_mode}. */
    public Optional<String> mode() {
        return string("server_mode").or(() -> string("redis_mode"));
    }

    /**
     * Master side: how many replicas are connected. {@code connected_slaves}, less the extra line Valkey shows for a
     * replica in a dual-channel sync (its RDB channel: {@code connected_slaves:3} for 2 replicas).
     */
    public OptionalLong connectedReplicas() {
        OptionalLong connected = longValue("connected_slaves");
        if (connected.isEmpty()) return connected;
        long rdbChannels = replicas.stream().filter(ReplicaEntry::rdbChannel).count();
        return OptionalLong.of(Math.max(0, connected.getAsLong() - rdbChannels));
    }

    /** Whether its last background save or AOF write failed ({@code rdb_last_bgsave_status}, {@code aof_last_write_status}). */
    public boolean savesFail() {
        return "err".equals(string("rdb_last_bgsave_status").orElse("")) || "err".equals(string("aof_last_write_status").orElse(""));
    }

    /** The replication id of the stream this instance's offsets count in (a replica carries its master's). */
    public Optional<String> replid() {
        return string("master_replid");
    }

    /** How far this instance has got in its replication stream: slave_repl_offset on a replica, else master_repl_offset. */
    public OptionalLong replOffset() {
        return role() == Role.REPLICA ? longValue("slave_repl_offset") : longValue("master_repl_offset");
    }

    /**
     * Bytes this replica is behind {@code master}: the master's offset minus this one's, when both speak of
     * the same replication id (otherwise the offsets count different streams). Never negative: the two INFO
     * replies are not taken at the same instant.
     */
    public OptionalLong bytesBehind(Info master) {
        if (role() != Role.REPLICA || master.role() != Role.MASTER) return OptionalLong.empty();
        if (replid().isEmpty() || !replid().equals(master.replid())) return OptionalLong.empty();
        OptionalLong mine = replOffset();
        OptionalLong theirs = master.longValue("master_repl_offset");
        if (mine.isEmpty() || theirs.isEmpty()) return OptionalLong.empty();
        return OptionalLong.of(Math.max(0, theirs.getAsLong() - mine.getAsLong()));
    }

    /** What the parser skipped and why (capped; see {@link #skippedLines()} for the count). */
    public List<String> problems() {
        return problems;
    }

    public int skippedLines() {
        return skippedLines;
    }

    private OptionalInt intValue(String field) {
        OptionalLong v = longValue(field);
        return v.isPresent() && v.getAsLong() >= 0 && v.getAsLong() <= 65535 ? OptionalInt.of((int) v.getAsLong())
                : OptionalInt.empty();
    }

    private static OptionalLong nonNegative(OptionalLong v) {
        return v.isPresent() && v.getAsLong() >= 0 ? v : OptionalLong.empty();
    }

    private static OptionalLong positive(OptionalLong v) {
        return v.isPresent() && v.getAsLong() > 0 ? v : OptionalLong.empty();
    }

    static OptionalLong parseLong(String v) {
        if (v == null || v.isEmpty() || v.length() > 20) return OptionalLong.empty();
        try {
            return OptionalLong.of(Long.parseLong(v));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Plain decimal notation only: Double.parseDouble also takes "NaN", "0x1p3" and "1f". */
    private static boolean isDecimal(String v) {
        if (v.isEmpty() || v.length() > 40) return false;
        int i = v.charAt(0) == '-' || v.charAt(0) == '+' ? 1 : 0;
        boolean digits = false;
        boolean dot = false;
        for (; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return false;
            }
        }
        return digits;
    }

    @Override
    public String toString() {
        return "Info[" + role() + ", " + fields().size() + " fields" + (skippedLines > 0 ? ", " + skippedLines + " skipped" : "") + "]";
    }
}
