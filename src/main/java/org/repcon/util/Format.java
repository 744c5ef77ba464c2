package org.repcon.util;

import java.util.Locale;

/** Numbers as an operator reads them in a narrow column. */
public final class Format {

    private Format() {}

    /** 1023 -> "1023B", 1536 -> "1.5K", 100 MiB -> "100M" (binary units, as Redis's used_memory_human). */
    public static String bytes(long n) {
        if (n < 0) return "-";
        String[] units = {"B", "K", "M", "G", "T"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + "B" : (v < 10 ? String.format(Locale.ROOT, "%.1f", v) : Long.toString(Math.round(v))) + units[u];
    }

    /** Large counters shortened: 12345678 -> "12.3M"; exact below a million. */
    public static String count(long n) {
        if (n < 1_000_000) return Long.toString(n);
        if (n < 1_000_000_000) return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        return String.format(Locale.ROOT, "%.1fG", n / 1e9);
    }

    /** Seconds as "45s", "12m", "3h", "2d". */
    public static String duration(long seconds) {
        if (seconds < 0) return "-";
        if (seconds < 120) return seconds + "s";
        if (seconds < 7200) return seconds / 60 + "m";
        if (seconds < 172800) return seconds / 3600 + "h";
        return seconds / 86400 + "d";
    }

    /** Milliseconds as seconds to a tenth, for a measured delay: 5230 is "5.2". */
    public static String tenths(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
