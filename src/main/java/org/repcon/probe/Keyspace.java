package org.repcon.probe;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How many keys an instance holds, per database, from INFO's keyspace section ({@code db0:keys=500,expires=0,...}).
 * What the dataset guard and the monitor compare between a master and its replicas: DBSIZE sees only db0.
 */
public record Keyspace(SortedMap<Integer, Long> keysPerDb) {

    public static final Keyspace EMPTY = new Keyspace(new TreeMap<>());

    public Keyspace {
        keysPerDb = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(keysPerDb));
    }

    public static Keyspace of(Info info) {
        SortedMap<Integer, Long> keys = new TreeMap<>();
        for (Map.Entry<String, String> f : info.fields().entrySet()) {
            String name = f.getKey();
            if (!name.startsWith("db") || name.length() < 3 || !name.substring(2).chars().allMatch(Character::isDigit)) continue;
            for (String part : f.getValue().split(",")) {
                if (part.startsWith("keys=")) {
                    try {
                        keys.put(Integer.parseInt(name.substring(2)), Long.parseLong(part.substring(5)));
                    } catch (NumberFormatException e) {
                        // not a count: left out
                    }
                }
            }
        }
        return new Keyspace(keys);
    }

    /** A dump or a master loses nothing next to a replica's keys when they differ by less than this (expiry races). */
    public static final double SLACK = 0.01;
    public static final long SLACK_MIN = 10;

    /**
     * Whether {@code mine} is clearly fewer keys than {@code theirs}: by more than 1% and more than 10 keys (a replica
     * still lists keys its master expired until the DEL arrives; a save races the last writes).
     */
    public static boolean clearlyFewer(long mine, long theirs) {
        return theirs - mine > Math.max(SLACK_MIN, (long) (theirs * SLACK));
    }

    public long total() {
        return keysPerDb.values().stream().mapToLong(Long::longValue).sum();
    }

    /** "10,000 keys (db0 9,000, db1 1,000)", "no keys". */
    public String describe() {
        long total = total();
        if (total == 0) return "no keys";
        String count = String.format(java.util.Locale.ROOT, "%,d", total) + (total == 1 ? " key" : " keys");
        if (keysPerDb.size() == 1 && keysPerDb.containsKey(0)) return count;
        return count + " (" + keysPerDb.entrySet().stream().map(e -> "db" + e.getKey() + " "
                + String.format(java.util.Locale.ROOT, "%,d", e.getValue())).collect(Collectors.joining(", ")) + ")";
    }
}
