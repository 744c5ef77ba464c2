package org.repcon.topology;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memory size as Redis reads it (memtoll): {@code 1k} = 1000, {@code 1kb} = 1024, likewise m/mb
 * and g/gb, case-insensitive. Keeps the text as written so rendered files say what the operator wrote;
 * for that reason no space is allowed between number and unit ({@code maxmemory 600 M} is two
 * arguments to Redis, and an error).
 */
public record Size(String text, long bytes) {

    private static final Pattern FORMAT = Pattern.compile("(\\d+)(k|kb|m|mb|g|gb|b)?", Pattern.CASE_INSENSITIVE);

    public static Size parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (text.trim().startsWith("-")) throw new IllegalArgumentException("'" + text + "' is not a size: a size cannot be negative");
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (examples: 600M, 1gb, 524288)");
        }
        long multiplier = switch (m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1000L;
            case "kb" -> 1024L;
            case "m" -> 1000L * 1000;
            case "mb" -> 1024L * 1024;
            case "g" -> 1000L * 1000 * 1000;
            case "gb" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        try {
            return new Size(text.trim(), Math.multiplyExact(Long.parseLong(m.group(1)), multiplier));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large a size");
        }
    }

    public static Size ofBytes(long bytes) {
        return new Size(Long.toString(bytes), bytes);
    }

    @Override
    public String toString() {
        return text;
    }
}
