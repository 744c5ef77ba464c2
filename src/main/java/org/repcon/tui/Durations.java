package org.repcon.tui;

import java.time.Duration;
import java.util.Locale;

/** Short human durations for the header: "4s", "2m05s", "3h12m", "2d04h". */
final class Durations {

    private Durations() {}

    static String ago(long millis) {
        long s = Math.max(0, millis) / 1000;
        if (s < 60) return s + "s";
        if (s < 3600) return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        if (s < 86400) return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        return String.format(Locale.ROOT, "%dd%02dh", s / 86400, s % 86400 / 3600);
    }

    /** An interval as typed: "1s", "0.5s", "2m05s". */
    static String seconds(Duration d) {
        long ms = d.toMillis();
        if (ms < 60_000 && ms % 1000 != 0) return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        return ago(ms);
    }
}
